Attribute VB_Name = "QzxlFolders"
' Folder picker for the photo and attachment folder cells on the plan sheet.
' Each "{{...}}" holds a catalogue code, replaced by its sentence when the workbook is built; Chinese text
' in string literals is then turned into ChrW() calls, because VBA source is stored in the ANSI code page.
Option Explicit

Public Sub QzxlPickFolder(control As IRibbonControl)
    Dim target As Range
    Set target = QzxlFolderCell(ActiveCell)
    If target Is Nothing Then
        MsgBox "{{vba-folder-select-cell}}", vbInformation, "{{alert-title}}"
        Exit Sub
    End If
    With Application.FileDialog(4)
        .Title = "{{vba-folder-picker-title}}"
        .AllowMultiSelect = False
        If .Show = -1 Then target.Value = .SelectedItems(1)
    End With
End Sub

Private Function QzxlFolderCell(cell As Range) As Range
    ' Intersect of ranges on two sheets is run-time error 1004, not Nothing: compare the sheets first.
    Dim name As Variant
    Dim folderCell As Range
    Set QzxlFolderCell = Nothing
    If cell Is Nothing Then Exit Function
    If Not cell.Parent.Parent Is ThisWorkbook Then Exit Function
    For Each name In Array("QZ_PHOTOS_DIR", "QZ_ATTACHMENTS_DIR")
        Set folderCell = ThisWorkbook.Names(name).RefersToRange
        If cell.Parent Is folderCell.Parent Then
            If Not Application.Intersect(cell, folderCell) Is Nothing Then
                Set QzxlFolderCell = folderCell
                Exit Function
            End If
        End If
    Next name
End Function
