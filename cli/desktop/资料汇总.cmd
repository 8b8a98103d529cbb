@echo off
rem Drop a workbook on this file: runs "资料汇总" (archive) on it, as the ribbon button does.
chcp 65001 >nul
set "QZXL=qzxl"
if "%~1"=="" (
  echo 请把报名工作簿（.xlsm）拖到这个文件上。
  pause
  exit /b 2
)
"%QZXL%" action archive "%~1"
echo.
echo 汇总的文件夹和 zip 在工作簿旁（资料汇总_…）。
pause
