#!/bin/sh
# Starts JShell with the Gradus engine and lab support on the class path and the imports done.
# Usage, from anywhere:  lab-support/jshell/gradus-jshell.sh   (extra arguments go to jshell)
set -e
root="$(cd "$(dirname "$0")/../.." && pwd)"
classpath_file="$root/lab-support/target/jshell.classpath"
# compile the engine and lab support, and write the class path of their dependencies
(cd "$root" && mvn -q -pl lab-support -am compile dependency:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$classpath_file")
exec jshell --class-path "$root/lab-support/target/classes:$(cat "$classpath_file")" \
    --startup DEFAULT --startup "$root/lab-support/jshell/gradus.jsh" "$@"
