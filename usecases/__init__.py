"""The use cases: what a button or a command does, over the engine, with no Excel and no port.

Below the Excel edge (``udfs`` calls them) and above the engine (``qzxl``): validate, schedule, export, the
exam kit, the ID-card copies, the import and the scores. The layering is checked by the import contracts in
``pyproject.toml`` (``tests/test_architecture.py``).
"""
