"""What each ribbon button does, against any port: read the workbook, call the engine, show the result.

An action reads whole sheets, asks the engine, and shows the answer where
the clerk is looking: marked cells with the message as a note, the 校验结果
sheet with a link to every cell, a summary box, the status bar while it
works. Actions never import xlwings. One module per kind of button, so a
click imports only what its action uses (the registry names each as
``"module:function"``).
"""
