package org.gradus.gpu.device;

import java.util.Arrays;
import jcuda.Pointer;
import jcuda.driver.JCudaDriver;
import org.gradus.tensor.NDArray;
import org.gradus.types.DType;

/** A dense row-major tensor in device memory: a pooled buffer with a dtype and a shape. */
public record DeviceArray(DeviceBuffer buffer, DType dtype, int[] shape) {

    /** An uninitialized device array from the allocator. */
    public static DeviceArray allocate(DeviceAllocator allocator, DType dtype, int... shape) {
        long bytes = (long) sizeOf(shape) * dtype.byteSize();
        return new DeviceArray(allocator.allocate(bytes), dtype, shape.clone());
    }

    /** Copies a host array to a new device array. */
    public static DeviceArray upload(DeviceAllocator allocator, NDArray host) {
        DeviceArray d = allocate(allocator, host.dtype(), host.shape());
        if (d.size() > 0) {
            JCudaDriver.cuMemcpyHtoD(d.buffer.pointer(), hostPointer(host), d.buffer.bytes());
        }
        return d;
    }

    /** Copies this array back to a new host array. */
    public NDArray download() {
        NDArray host = NDArray.zeros(dtype, shape);
        if (size() == 0) {
            return host;
        }
        switch (dtype) {
            case FLOAT32 -> JCudaDriver.cuMemcpyDtoH(Pointer.to(host.float32Data()), buffer.pointer(), buffer.bytes());
            case FLOAT64 -> JCudaDriver.cuMemcpyDtoH(Pointer.to(host.float64Data()), buffer.pointer(), buffer.bytes());
            case INT32 -> JCudaDriver.cuMemcpyDtoH(Pointer.to(host.int32Data()), buffer.pointer(), buffer.bytes());
            case INT64 -> JCudaDriver.cuMemcpyDtoH(Pointer.to(host.int64Data()), buffer.pointer(), buffer.bytes());
            default -> {
                byte[] bytes = new byte[size()];
                JCudaDriver.cuMemcpyDtoH(Pointer.to(bytes), buffer.pointer(), bytes.length);
                for (int i = 0; i < bytes.length; i++) {
                    host.set(i, bytes[i] & 0xFF);
                }
            }
        }
        return host;
    }

    private static Pointer hostPointer(NDArray host) {
        switch (host.dtype()) {
            case FLOAT32:
                return Pointer.to(host.float32Data());
            case FLOAT64:
                return Pointer.to(host.float64Data());
            case INT32:
                return Pointer.to(host.int32Data());
            case INT64:
                return Pointer.to(host.int64Data());
            default:
                byte[] bytes = new byte[host.size()];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) host.getLong(i);
                }
                return Pointer.to(bytes);
        }
    }

    /** The number of elements. */
    public int size() {
        return sizeOf(shape);
    }

    /** Returns the buffer to the allocator's pool. */
    public void release(DeviceAllocator allocator) {
        allocator.release(buffer);
    }

    private static int sizeOf(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public String toString() {
        return "DeviceArray(" + dtype + ", " + Arrays.toString(shape) + ")";
    }
}
