Attribute VB_Name = "QzxlImport"
' File pickers of the two import buttons (lists, scores): the chosen paths go into the cell named QZ_IMPORT_FILES, one a line,
' and Python reads them from there; no path is ever put into the RunPython code string.
Option Explicit

Public Function QzxlPickImportFiles() As Boolean
    Dim paths As String
    Dim i As Long
    QzxlPickImportFiles = False
    With Application.FileDialog(3)
        .Title = "{{vba-import-picker-title}}"
        .AllowMultiSelect = True
        .Filters.Clear
        .Filters.Add "{{vba-import-filter}}", "*.xlsx;*.xlsm;*.xls;*.ods;*.csv"
        If .Show <> -1 Then Exit Function
        For i = 1 To .SelectedItems.Count
            If i > 1 Then paths = paths & vbLf
            paths = paths & .SelectedItems(i)
        Next i
    End With
    ThisWorkbook.Names("QZ_IMPORT_FILES").RefersToRange.Value = paths
    QzxlPickImportFiles = True
End Function

Public Function QzxlPickScoreFiles() As Boolean
    Dim paths As String
    Dim i As Long
    QzxlPickScoreFiles = False
    With Application.FileDialog(3)
        .Title = "{{vba-scores-picker-title}}"
        .AllowMultiSelect = True
        .Filters.Clear
        .Filters.Add "{{vba-scores-filter}}", "*.xlsx;*.xlsm;*.xls;*.csv"
        If .Show <> -1 Then Exit Function
        For i = 1 To .SelectedItems.Count
            If i > 1 Then paths = paths & vbLf
            paths = paths & .SelectedItems(i)
        Next i
    End With
    ThisWorkbook.Names("QZ_IMPORT_FILES").RefersToRange.Value = paths
    QzxlPickScoreFiles = True
End Function
