package org.gradus.gpu.device;

import jcuda.driver.CUdeviceptr;

/** A block of device memory from a {@link DeviceAllocator}: at least {@code bytes} usable, {@code capacity} reserved. */
public record DeviceBuffer(CUdeviceptr pointer, long bytes, long capacity) {
}
