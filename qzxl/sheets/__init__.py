"""A workbook as data: read its sheets (calamine, openpyxl), turn rows into models, write a data workbook."""
