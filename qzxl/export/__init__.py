"""The submission package: every form the college and 人社 receive, built from one workbook."""
