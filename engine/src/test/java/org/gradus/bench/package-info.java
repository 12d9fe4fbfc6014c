/**
 * Benchmark mains (not tests): {@link org.gradus.bench.Benchmarks} times the course's workloads with
 * warm-up and medians. Run with {@code mvn -B -q -pl engine test-compile exec:exec@bench}.
 */
package org.gradus.bench;
