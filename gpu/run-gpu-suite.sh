#!/bin/sh
# Runs the Gradus GPU test suite and the GPU benchmark with only a Java 17+ runtime and the built
# jars: no Maven, no network. Writes gpu-results/ (JUnit XML reports, summary.txt, benchmark.txt).
# GRADUS_BENCH_QUICK=1 shortens the benchmark (a smoke run); GRADUS_STEP_TIMEOUT=SECONDS bounds each step.
#
# Build the jars on a development machine:   mvn -B -o -pl engine,gpu -am package -DskipTests
# then copy to the GPU machine one folder holding every jar:
#   mkdir gradus-jars && cp gpu/target/gpu-suite/lib/*.jar gpu/target/gradus-gpu-*.jar gradus-jars/
# A small runtime (optional) for a machine without a JDK:
#   jlink --add-modules java.base,java.logging,java.management,jdk.unsupported,java.xml,jdk.zipfs,jdk.compiler,jdk.incubator.vector \
#         --strip-debug --no-header-files --no-man-pages --output gradus-jre
#
# Usage: gpu/run-gpu-suite.sh [JAR_FOLDER] [OUTPUT_FOLDER]
#   JAR_FOLDER defaults to $GRADUS_JARS, else gpu/target/gpu-suite/lib plus the gpu jars beside it;
#   the Java runtime is $JAVA (e.g. gradus-jre/bin/java), else java on the PATH.
set -u
here=$(cd "$(dirname "$0")" && pwd)
jars=${1:-${GRADUS_JARS:-}}
out=${2:-gpu-results}
java=${JAVA:-java}
if [ -z "$jars" ]; then
  jars="$here/target/gpu-suite/lib"
  extra=$(ls "$here"/target/gradus-gpu-*.jar 2>/dev/null | tr '\n' ':')
else
  extra=""
fi
launcher=$(ls "$jars"/junit-platform-console-standalone-*.jar 2>/dev/null | head -n 1)
if [ -z "$launcher" ]; then
  echo "no junit-platform-console-standalone jar in $jars; build with 'mvn -pl engine,gpu -am package -DskipTests'" >&2
  exit 2
fi
cp="$extra$(ls "$jars"/*.jar | grep -v console-standalone | tr '\n' ':')"
# GRADUS_STEP_TIMEOUT=SECONDS stops any one step (tests, each benchmark) that runs longer, where timeout exists.
t=""
if [ -n "${GRADUS_STEP_TIMEOUT:-}" ] && command -v timeout >/dev/null; then t="timeout $GRADUS_STEP_TIMEOUT"; fi
# The CPU side uses the Vector API loops when the runtime has the module (as the CPU benchmark does).
vector=""
"$java" --list-modules 2>/dev/null | grep -q '^jdk.incubator.vector' && vector="--add-modules jdk.incubator.vector"
mkdir -p "$out"
summary="$out/summary.txt"
{
  echo "# Gradus GPU suite, $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(hostname)"
  "$java" -version 2>&1 | head -n 1
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
  echo "## status"
  $t "$java" -cp "$cp" org.gradus.gpu.CudaStatus
  echo "status exit code: $?"
  echo "## tests (package org.gradus.gpu; GPU-only ones skip without a device)"
} > "$summary" 2>&1
$t "$java" $vector -jar "$launcher" execute --class-path "$cp" --select-package org.gradus.gpu \
    --reports-dir "$out" --details summary --disable-banner >> "$summary" 2>&1
tests=$?
echo "tests exit code: $tests" >> "$summary"
echo "## benchmark" >> "$summary"
$t "$java" $vector -cp "$cp" org.gradus.gpu.bench.MlpStepBenchmark "$out/benchmark.txt" >> "$summary" 2>&1
echo "benchmark exit code: $?" >> "$summary"
echo "## CPU vs GPU through compiled functions (device=cuda)" >> "$summary"
$t "$java" $vector -Xmx8g -cp "$cp" org.gradus.gpu.bench.DeviceBenchmark "$out/benchmark.txt" ${GRADUS_BENCH_QUICK:+quick} >> "$summary" 2>&1
echo "device benchmark exit code: $?" >> "$summary"
# The issue's comparison is with the CPU backend on 2 cores (the course machines): the same
# benchmark pinned to two cores, where taskset exists and the machine has more.
if command -v taskset >/dev/null && [ "$(nproc)" -gt 2 ]; then
  echo "## the same, pinned to 2 cores (taskset -c 0,1)" >> "$summary"
  taskset -c 0,1 $t "$java" $vector -Xmx8g -cp "$cp" org.gradus.gpu.bench.DeviceBenchmark "$out/benchmark.txt" \
      ${GRADUS_BENCH_QUICK:+quick} >> "$summary" 2>&1
  echo "2-core device benchmark exit code: $?" >> "$summary"
fi
cat "$summary"
exit $tests
