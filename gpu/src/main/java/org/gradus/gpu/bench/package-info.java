/** Benchmark mains for the CUDA backend, run by {@code gpu/run-gpu-suite.sh}; speed is never measured by unit tests. */
package org.gradus.gpu.bench;
