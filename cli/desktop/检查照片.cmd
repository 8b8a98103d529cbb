@echo off
rem Drop a workbook on this file: runs "检查照片" (check_photos) on it, as the ribbon button does.
chcp 65001 >nul
set "QZXL=qzxl"
if "%~1"=="" (
  echo 请把报名工作簿（.xlsm）拖到这个文件上。
  pause
  exit /b 2
)
"%QZXL%" action check_photos "%~1"
echo.
echo 完成后请在 Excel 或 WPS 中重新打开工作簿查看结果。
pause
