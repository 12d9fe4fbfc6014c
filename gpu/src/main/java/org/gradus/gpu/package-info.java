/**
 * The CUDA backend on JCuda: {@link org.gradus.gpu.CudaBackend} (registered for
 * {@link java.util.ServiceLoader}), the cached driver probe {@link org.gradus.gpu.CudaProbe}, and
 * the {@link org.gradus.gpu.CudaStatus} diagnostic. Kernel source generation lives in
 * {@code kernels}, compilation and caching in {@code compiler}, device memory and launches in
 * {@code device}.
 */
package org.gradus.gpu;
