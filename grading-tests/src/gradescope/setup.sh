#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder image; the bundle is unpacked in
# /autograder/source. It installs JDK 17 and Maven, then builds the course once with the hidden tests
# and grades the untouched skeleton, so that every dependency and Maven plugin lands in ~/.m2 and
# run_autograder can work offline.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven
cd /autograder/source
mvn -B -DskipHiddenTests=false -DskipTests install -pl grading-tests -am
mvn -B -DskipHiddenTests=false test -pl labs,grading-tests -Dmaven.test.failure.ignore=true
chmod +x /autograder/source/run_autograder
