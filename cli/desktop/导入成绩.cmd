@echo off
rem Drop the score lists the college sent on this file: runs "导入成绩" (qzxl scores) into the workbook.
chcp 65001 >nul
set "QZXL=qzxl"
rem The workbook is a dropped .xlsm if there is one, else the newest .xlsm in this folder (the install puts
rem 报名工作簿.xlsm here; backups and Excel's ~$ lock files are passed over), and then it asks first.
setlocal
set "HERE=%~dp0"
set "BOOK="
set "SOURCES="
if "%~1"=="" (
  echo 请把学校发来的成绩单（.xlsx、.xls、.csv）拖到这个文件上，可以一次拖多个。
  echo 要导入到别的报名工作簿，就把那个工作簿（.xlsm）和成绩单一起拖上来。
  pause
  exit /b 2
)
:next_file
if "%~1"=="" goto :files_read
if /i "%~x1"==".xlsm" (
  set "BOOK=%~f1"
) else (
  set SOURCES=%SOURCES% "%~f1"
)
shift
goto :next_file
:files_read
if not defined SOURCES (
  echo 没有要导入的成绩单：请把学校发来的成绩单拖到这个文件上。
  pause
  exit /b 2
)
if defined BOOK goto :run
for /f "delims=" %%F in ('dir /b /a-d-h /o-d "%HERE%*.xlsm" 2^>nul') do call :consider "%%F"
if not defined BOOK (
  echo 在「%HERE%」中没有找到报名工作簿（.xlsm）。请把报名工作簿和成绩单一起拖到这个文件上。
  pause
  exit /b 2
)
echo 将把成绩导入到这个工作簿：%BOOK%
choice /c YN /m "确认导入吗（Y 导入，N 取消）"
if errorlevel 2 exit /b 2
:run
"%QZXL%" scores %SOURCES% --book "%BOOK%"
echo.
echo 完成后请在 Excel 或 WPS 中重新打开工作簿，查看「成绩」表；合格名单等在工作簿旁的「成绩名单」文件夹。
pause
exit /b 0

:consider
if defined BOOK exit /b 0
set "NAME=%~1"
if not "%NAME:.备份-=%"=="%NAME%" exit /b 0
if "%NAME:~0,2%"=="~$" exit /b 0
set "BOOK=%HERE%%~1"
exit /b 0
