@echo off
rem Starts JShell with the Gradus engine and lab support on the class path and the imports done (Windows).
rem Usage, from anywhere:  lab-support\jshell\gradus-jshell.cmd   (extra arguments go to jshell)
rem Elsewhere: lab-support/jshell/gradus-jshell.sh
setlocal
for %%I in ("%~dp0..\..") do set "root=%%~fI"
set "lib=%root%\lab-support\target\jshell-lib"
rem compile the engine and lab support, and copy the jars they use into one folder (stdin stays for jshell)
pushd "%root%"
call mvn -q -pl lab-support -am compile dependency:copy-dependencies -DincludeScope=runtime -DexcludeGroupIds=org.gradus "-DoutputDirectory=%lib%" < NUL
set "status=%errorlevel%"
popd
if not "%status%"=="0" exit /b %status%
rem the JDK that Maven uses, when JAVA_HOME names one
set "jshell=jshell"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\jshell.exe" set "jshell=%JAVA_HOME%\bin\jshell.exe"
"%jshell%" -R--enable-native-access=ALL-UNNAMED --class-path "%root%\lab-support\target\classes;%root%\engine\target\classes;%lib%\*" --startup DEFAULT --startup "%root%\lab-support\jshell\gradus.jsh" %*
