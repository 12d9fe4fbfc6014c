/**
 * Device memory and kernel launches through the JCuda driver API: the pooled
 * {@link org.gradus.gpu.device.DeviceAllocator}, {@link org.gradus.gpu.device.DeviceArray} (a typed,
 * shaped device buffer with host transfers), {@link org.gradus.gpu.device.CudaContext} (modules,
 * launches and their count), {@link org.gradus.gpu.device.Cublas}, and the executors that run the
 * generated kernels. Everything here needs a GPU; the tests that use it skip without one.
 */
package org.gradus.gpu.device;
