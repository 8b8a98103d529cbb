Attribute VB_Name = "QzxlFolders"
' Folder picker for the photo and attachment folder cells on the plan sheet.
' Chinese text in string literals is turned into ChrW() calls when the workbook is built,
' because VBA source is stored in the project's ANSI code page.
Option Explicit

Public Sub QzxlPickFolder(control As IRibbonControl)
    Dim target As Range
    Set target = QzxlFolderCell(ActiveCell)
    If target Is Nothing Then
        MsgBox "请先选中「方案」表中「照片文件夹」或「附件文件夹」右边的单元格，再点「选择文件夹」。", vbInformation, "技能认定"
        Exit Sub
    End If
    With Application.FileDialog(4)
        .Title = "选择文件夹"
        .AllowMultiSelect = False
        If .Show = -1 Then target.Value = .SelectedItems(1)
    End With
End Sub

Private Function QzxlFolderCell(cell As Range) As Range
    Dim name As Variant
    For Each name In Array("QZ_PHOTOS_DIR", "QZ_ATTACHMENTS_DIR")
        If Not Application.Intersect(cell, ThisWorkbook.Names(name).RefersToRange) Is Nothing Then
            Set QzxlFolderCell = ThisWorkbook.Names(name).RefersToRange
            Exit Function
        End If
    Next name
    Set QzxlFolderCell = Nothing
End Function
