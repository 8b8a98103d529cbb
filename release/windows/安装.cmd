@echo off
rem qzxl offline installer: double-click in the unpacked bundle. Safe to run again (updates in place).
chcp 65001 >nul
setlocal EnableExtensions DisableDelayedExpansion
set "PYTHONUTF8=1"
set "PIP_DISABLE_PIP_VERSION_CHECK=1"
set "BUNDLE=%~dp0"
set "HOME_DIR=%LOCALAPPDATA%\qzxl"
set "VENV=%LOCALAPPDATA%\qzxl\venv"
set "LOG=%LOCALAPPDATA%\qzxl\安装日志.txt"
set "RECORD=%LOCALAPPDATA%\qzxl\安装记录.json"
set "HELPER=%BUNDLE%installer.py"
set "ANSWER=%TEMP%\qzxl-install-%RANDOM%.txt"

echo 技能认定助手 安装程序
echo.
if not exist "%BUNDLE%wheels\" goto :not_unpacked
if not exist "%BUNDLE%pythons.txt" goto :not_unpacked
set /p VERSIONS=<"%BUNDLE%pythons.txt"
if not exist "%HOME_DIR%\" mkdir "%HOME_DIR%"
echo ==== %DATE% %TIME% 安装 %BUNDLE% >>"%LOG%"

rem 1. a 64-bit Python the bundle has wheels for: the py launcher first (newest first), then PATH
set "PYLINE="
for %%V in (%VERSIONS%) do call :try_launcher %%V
if not defined PYLINE call :try_path
if not defined PYLINE goto :no_python
for /f "tokens=1,* delims=|" %%A in ("%PYLINE%") do (
  set "PYVER=%%A"
  set "PY=%%B"
)
echo 使用 Python %PYVER%：%PY%
echo Python %PYVER% %PY% >>"%LOG%"

rem 2. Office bitness, for the support log only: 64-bit Python serves 32-bit and 64-bit Office alike
"%PY%" "%HELPER%" office >"%ANSWER%"
type "%ANSWER%"
type "%ANSWER%" >>"%LOG%"

rem 3. the private environment, rebuilt from the bundle alone (no index, no internet)
echo 正在创建运行环境 %VENV% ……
"%PY%" -m venv --clear "%VENV%" >>"%LOG%" 2>&1
if errorlevel 1 goto :venv_failed
echo 正在安装（不需要联网，约需 1 分钟）……
"%VENV%\Scripts\python.exe" -m pip install --no-index --only-binary :all: --find-links "%BUNDLE%wheels" -r "%BUNDLE%requirements\py%PYVER%.txt" >>"%LOG%" 2>&1
if errorlevel 1 goto :pip_failed
set "QZXL=%VENV%\Scripts\qzxl.exe"

rem 4. the 技能认定 folder on the desktop: drag-and-drop scripts, the guide, a first workbook
"%VENV%\Scripts\python.exe" "%HELPER%" desktop >"%ANSWER%"
set /p DESKTOP=<"%ANSWER%"
set "TARGET=%DESKTOP%\技能认定"
"%QZXL%" scripts "%TARGET%" >>"%LOG%" 2>&1
if errorlevel 1 goto :scripts_failed
copy /y "%BUNDLE%用户指南.pdf" "%TARGET%\用户指南.pdf" >nul
set "BOOK=%TARGET%\报名工作簿.xlsm"
if exist "%BOOK%" (
  echo 桌面「技能认定」文件夹中已有 报名工作簿.xlsm，保留不动。
) else (
  "%QZXL%" workbook "%BOOK%" --interpreter "%VENV%\Scripts\pythonw.exe" >>"%LOG%" 2>&1
  if errorlevel 1 goto :workbook_failed
  "%VENV%\Scripts\python.exe" "%HELPER%" record "%RECORD%" "%BOOK%"
)
"%VENV%\Scripts\python.exe" "%HELPER%" record "%RECORD%" "%TARGET%\校验.cmd" "%TARGET%\检查照片.cmd" "%TARGET%\修复照片.cmd" "%TARGET%\计算时间节点.cmd" "%TARGET%\导出申报包.cmd" "%TARGET%\用户指南.pdf"
del "%ANSWER%" 2>nul
echo 完成 >>"%LOG%"
echo.
echo 安装完成。桌面上的「技能认定」文件夹里有：
echo   报名工作簿.xlsm  打开后点「启用内容」，功能区「技能认定」选项卡上是各个按钮；
echo   校验.cmd 等      把工作簿拖到上面即可执行（WPS 或按钮不可用时）；
echo   用户指南.pdf
echo 要卸载，运行安装包中的 卸载.cmd。
if not "%TARGET:OneDrive=%"=="%TARGET%" echo 注意：桌面在 OneDrive 同步目录中，填写工作簿时请先复制到本地文件夹（如 D:\技能认定\）。
pause
exit /b 0

:try_launcher
if defined PYLINE exit /b 0
py -%1-64 "%HELPER%" python %VERSIONS% >"%ANSWER%" 2>nul
if errorlevel 1 exit /b 0
set /p PYLINE=<"%ANSWER%"
exit /b 0

:try_path
python "%HELPER%" python %VERSIONS% >"%ANSWER%" 2>nul
if errorlevel 1 exit /b 0
set /p PYLINE=<"%ANSWER%"
exit /b 0

:not_unpacked
echo 请先把安装包解压（右键 zip 文件 →「全部解压缩」），再双击解压出的文件夹中的 安装.cmd。
pause
exit /b 2

:no_python
echo 没有找到可用的 64 位 Python。
echo 请到 https://www.python.org/downloads/windows/ 下载「Windows installer (64-bit)」，
echo 版本为以下之一：%VERSIONS%。
echo 安装时勾选「Add python.exe to PATH」，装好后再双击 安装.cmd。
echo （Office 是 32 位也请装 64 位 Python：Excel 在单独的进程中调用 Python，位数不必相同。）
echo 没有找到 64 位 Python（%VERSIONS%） >>"%LOG%"
pause
exit /b 2

:venv_failed
echo 无法创建运行环境「%VENV%」。请关闭 Excel 和已打开的工作簿后再运行一次；
echo 仍不行请把 %LOG% 发给技术支持。
pause
exit /b 2

:pip_failed
echo 安装失败，详细信息在 %LOG%，请把这个文件发给技术支持。
pause
exit /b 2

:scripts_failed
echo 无法在桌面写入「技能认定」文件夹（%TARGET%），详细信息在 %LOG%。
pause
exit /b 2

:workbook_failed
echo 无法生成第一个工作簿「%BOOK%」，详细信息在 %LOG%，请把这个文件发给技术支持。
pause
exit /b 2
