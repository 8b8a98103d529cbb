@echo off
rem qzxl uninstaller: removes what the installer added; a workbook you changed stays where it is.
chcp 65001 >nul
setlocal EnableExtensions DisableDelayedExpansion
set "PYTHONUTF8=1"
set "HELPER=%~dp0installer.py"
set "HOME_DIR=%LOCALAPPDATA%\qzxl"
set "VENV=%LOCALAPPDATA%\qzxl\venv"
set "RECORD=%LOCALAPPDATA%\qzxl\安装记录.json"

echo 将卸载技能认定助手：删除 %HOME_DIR%（运行环境和日志），
echo 以及桌面「技能认定」文件夹中安装时放入、之后没有改动过的文件。你填写过的工作簿会保留。
choice /c YN /m "确定卸载吗？按 Y 卸载，按 N 取消"
if errorlevel 2 exit /b 1
if exist "%VENV%\Scripts\python.exe" if exist "%RECORD%" "%VENV%\Scripts\python.exe" "%HELPER%" uninstall "%RECORD%"
if exist "%HOME_DIR%\" rmdir /s /q "%HOME_DIR%"
if exist "%HOME_DIR%\" (
  echo 未能完全删除 %HOME_DIR%：请关闭 Excel 后再运行一次 卸载.cmd。
  pause
  exit /b 2
)
echo 已卸载。
pause
exit /b 0
