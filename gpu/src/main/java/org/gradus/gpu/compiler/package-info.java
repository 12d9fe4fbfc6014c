/**
 * Turning generated CUDA C into PTX: NVRTC in-process when its library loads, else {@code nvcc}
 * from the PATH ({@link org.gradus.gpu.compiler.KernelCompilers} picks), with a disk cache keyed by
 * a hash of the source, the compiler's version and the target architecture
 * ({@link org.gradus.gpu.compiler.KernelCache}).
 */
package org.gradus.gpu.compiler;
