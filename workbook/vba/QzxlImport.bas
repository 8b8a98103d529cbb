Attribute VB_Name = "QzxlImport"
' File pickers of the two import buttons (lists, scores): the chosen paths go into the cell named QZ_IMPORT_FILES, one a line,
' and Python reads them from there; no path is ever put into the RunPython code string.
Option Explicit

Public Function QzxlPickImportFiles() As Boolean
    QzxlPickImportFiles = PickFiles("{{vba-import-picker-title}}", "{{vba-import-filter}}", "*.xlsx;*.xlsm;*.xls;*.ods;*.csv")
End Function

Public Function QzxlPickScoreFiles() As Boolean
    QzxlPickScoreFiles = PickFiles("{{vba-scores-picker-title}}", "{{vba-scores-filter}}", "*.xlsx;*.xlsm;*.xls;*.csv")
End Function

Private Function PickFiles(title As String, kind As String, pattern As String) As Boolean
    Dim paths As String
    Dim i As Long
    PickFiles = False
    With Application.FileDialog(3)
        .Title = title
        .AllowMultiSelect = True
        .Filters.Clear
        .Filters.Add kind, pattern
        If .Show <> -1 Then Exit Function
        For i = 1 To .SelectedItems.Count
            If i > 1 Then paths = paths & vbLf
            paths = paths & .SelectedItems(i)
        Next i
    End With
    ThisWorkbook.Names("QZ_IMPORT_FILES").RefersToRange.Value = paths
    PickFiles = True
End Function
