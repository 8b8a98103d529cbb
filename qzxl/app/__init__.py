"""The app layer: use cases over the engine (called by ``udfs``), and the CLI and demo (which call ``udfs``).

``qzxl.app.validate`` and ``qzxl.app.schedule`` sit below the Excel edge; ``qzxl.app.cli``,
``qzxl.app.clidoc`` and ``qzxl.app.demo`` sit above it. The layering is checked by the import
contract in ``pyproject.toml`` (``tests/test_architecture.py``).
"""
