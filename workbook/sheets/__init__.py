"""One writer per sheet of the built workbook (字典, 方案, 报名信息, 花名册, 流程, 校验结果 and 导入结果, 成绩,
xlwings.conf), each given its XlsxWriter worksheet and the shared formats."""
