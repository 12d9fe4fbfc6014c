#!/bin/sh
# Starts JShell with the Gradus engine and lab support on the class path and the imports done.
# Usage, from anywhere:  lab-support/jshell/gradus-jshell.sh   (extra arguments go to jshell)
# Input may be piped:    echo 'T.scalar("x")' | lab-support/jshell/gradus-jshell.sh
# On Windows: lab-support\jshell\gradus-jshell.cmd
set -e
root="$(cd "$(dirname "$0")/../.." && pwd)"
lib="$root/lab-support/target/jshell-lib"
# compile the engine and lab support, and copy the jars they use into one folder (stdin stays for jshell)
(cd "$root" && mvn -q -pl lab-support -am compile dependency:copy-dependencies \
    -DincludeScope=runtime -DexcludeGroupIds=org.gradus -DoutputDirectory="$lib" </dev/null)
# the JDK that Maven uses, when JAVA_HOME names one
jshell="jshell"
[ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/jshell" ] && jshell="$JAVA_HOME/bin/jshell"
exec "$jshell" -R--enable-native-access=ALL-UNNAMED --class-path "$root/lab-support/target/classes:$root/engine/target/classes:$lib/*" \
    --startup DEFAULT --startup "$root/lab-support/jshell/gradus.jsh" "$@"
