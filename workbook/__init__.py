"""The workbook's sources (VBA .bas files, ribbon) and the code that builds the .xlsm from them."""
