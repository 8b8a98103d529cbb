"""qzxl: prepares 职业技能等级认定 applications for training institutions in Quzhou.

The engine is pure Python and never imports xlwings; the Excel edge lives in ``udfs``.
"""

__version__ = "0.1.0"
