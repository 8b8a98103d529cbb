"""考务材料: exam-day rooms and seats, and the sign-in sheets, desk cards and door lists printed from them.

Step 7 of the college's process text (准考证下载打印、考务安排、对接考试场地) falls on the training
institution. :mod:`qzxl.examkit.rooms` seats the candidates (pure), :mod:`qzxl.examkit.tickets` reads the
provincial system's assignment when the clerk has one, :mod:`qzxl.examkit.documents` writes the four
workbooks and :mod:`qzxl.examkit.kit` puts them, with their PDFs, in a new folder.
"""
