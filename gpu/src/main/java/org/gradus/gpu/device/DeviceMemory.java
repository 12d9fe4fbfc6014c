package org.gradus.gpu.device;

import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/** The raw allocation calls under {@link DeviceAllocator}; the driver's in production, a fake in tests. */
public interface DeviceMemory {

    /** A new allocation of exactly {@code bytes} bytes. */
    CUdeviceptr allocate(long bytes);

    /** Returns an allocation to the driver. */
    void free(CUdeviceptr pointer);

    /** {@code cuMemAlloc} / {@code cuMemFree} in the current context. */
    static DeviceMemory driver() {
        return new DeviceMemory() {
            @Override
            public CUdeviceptr allocate(long bytes) {
                CUdeviceptr p = new CUdeviceptr();
                JCudaDriver.cuMemAlloc(p, bytes);
                return p;
            }

            @Override
            public void free(CUdeviceptr pointer) {
                JCudaDriver.cuMemFree(pointer);
            }
        };
    }
}
