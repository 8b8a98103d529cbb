@echo off
rem Drop a workbook on this file: runs "生成补考工作簿" (make_retake) on it, as the ribbon button does.
chcp 65001 >nul
set "QZXL=qzxl"
if "%~1"=="" (
  echo 请把报名工作簿（.xlsm）拖到这个文件上。
  pause
  exit /b 2
)
"%QZXL%" action make_retake "%~1"
echo.
echo 补考工作簿在原工作簿旁（原名-补考.xlsm）。
pause
