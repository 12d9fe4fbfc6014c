#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image; the bundle is unpacked in
# /autograder/source. It installs JDK 17 and a pinned Apache Maven (from Maven Central, checksum
# checked), builds the judge once with the hidden tests, writes the judge's and the runner's class
# paths, grades the untouched skeleton once (so everything is in ~/.m2 and grading runs offline),
# creates the unprivileged user that runs lab code, and removes the hidden tests' sources.
set -euo pipefail
SOURCE=${GRADUS_SOURCE:-/autograder/source}
MAVEN_VERSION=3.9.9
MAVEN_SHA512=a555254d6b53d267965a3404ecb14e53c3827c09c3b94b5678835887ab404556bfaf78dcfe03ba76fa2508649dca8531c74bca4d5846513522404d48e8c4ac8b
MAVEN_URL=https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/$MAVEN_VERSION/apache-maven-$MAVEN_VERSION-bin.tar.gz

if [ -z "${GRADUS_MVN:-}" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends openjdk-17-jdk-headless curl ca-certificates util-linux
    curl -fsSL -o /tmp/maven.tar.gz "$MAVEN_URL"
    echo "$MAVEN_SHA512  /tmp/maven.tar.gz" | sha512sum -c -
    mkdir -p /opt && tar -xzf /tmp/maven.tar.gz -C /opt
    ln -sf /opt/apache-maven-$MAVEN_VERSION/bin/mvn /usr/local/bin/mvn
fi
MVN=${GRADUS_MVN:-mvn}

cd "$SOURCE"
# the untouched skeleton, kept apart: every submission is graded in a fresh copy of it
rm -rf "$SOURCE/pristine-labs" && cp -r labs/src/main/java "$SOURCE/pristine-labs"

# the judge (grading machinery, graded and hidden tests), the engine and lab support, installed in ~/.m2
"$MVN" -B -DskipHiddenTests=false -DskipTests install -pl grading-tests -am
"$MVN" -B -DskipHiddenTests=false -DskipTests test-compile -pl grading-tests
"$MVN" -B -q dependency:build-classpath -pl grading-tests -Dmdep.includeScope=test \
    -Dmdep.outputFile="$SOURCE/judge-classpath.txt"
"$MVN" -B -q dependency:build-classpath -pl grading-tests -Dmdep.includeScope=runtime \
    -Dmdep.excludeGroupIds=org.junit.platform,org.junit.jupiter,org.opentest4j,org.apiguardian \
    -Dmdep.outputFile="$SOURCE/runner-classpath.txt"
printf ':%s:%s' "$SOURCE/grading-tests/target/classes" "$SOURCE/grading-tests/target/test-classes" \
    >> "$SOURCE/judge-classpath.txt"

# the user that runs lab code: no home, no shell, no write access to the grader's files
id gradus-runner >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin gradus-runner \
    || echo "setup.sh: could not create the user gradus-runner; lab code will run unisolated" >&2

# one grading of the skeleton: proves the judge works here and warms every cache
GRADUS_SUBMISSION=$(mktemp -d) GRADUS_RESULTS=$(mktemp -d) bash "$SOURCE/run_autograder"

# hidden tests exist from now on only as compiled classes, readable by root alone
rm -rf "$SOURCE/grading-tests/src/hidden"
chmod 700 "$SOURCE"
chmod +x "$SOURCE/run_autograder"
