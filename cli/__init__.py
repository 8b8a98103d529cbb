"""The top layer: the ``qzxl`` command (``commands``), its Chinese argparse words, the README's reference,
the demo and the clerk's desktop scripts. It calls the workbook build, the actions (through the file port)
and the use cases; nothing imports it (``python -m qzxl`` aside). Checked by ``pyproject.toml``'s contracts.
"""
