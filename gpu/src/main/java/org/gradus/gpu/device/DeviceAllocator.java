package org.gradus.gpu.device;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * A pooling allocator: requests are rounded up to a size class (a power of two, at least
 * {@link #MIN_CLASS} bytes), and released buffers wait in a free list of their class for the next
 * request of that class instead of going back to the driver, since {@code cuMemAlloc} and
 * {@code cuMemFree} synchronize the device. A training step that allocates the same shapes every
 * call reaches a steady state with no driver calls. {@link #trim()} returns the cached buffers.
 *
 * <p>Not thread-safe; one executor owns one allocator.
 */
public final class DeviceAllocator {
    /** The smallest size class, in bytes. */
    public static final long MIN_CLASS = 256;

    private final DeviceMemory memory;
    private final Map<Long, ArrayDeque<DeviceBuffer>> free = new HashMap<>();
    private long driverAllocations;
    private long bytesInUse;
    private long bytesCached;

    public DeviceAllocator(DeviceMemory memory) {
        this.memory = memory;
    }

    /** The size class of a request: the next power of two, at least {@link #MIN_CLASS}. */
    public static long sizeClass(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot allocate " + bytes + " bytes");
        }
        long c = MIN_CLASS;
        while (c < bytes) {
            c <<= 1;
        }
        return c;
    }

    /** A buffer of at least {@code bytes} bytes, reused from the pool when one of its class is free. */
    public DeviceBuffer allocate(long bytes) {
        long capacity = sizeClass(bytes);
        ArrayDeque<DeviceBuffer> list = free.get(capacity);
        DeviceBuffer b;
        if (list != null && !list.isEmpty()) {
            DeviceBuffer cached = list.pop();
            bytesCached -= capacity;
            b = new DeviceBuffer(cached.pointer(), bytes, capacity);
        } else {
            b = new DeviceBuffer(memory.allocate(capacity), bytes, capacity);
            driverAllocations++;
        }
        bytesInUse += capacity;
        return b;
    }

    /** Puts a buffer back in the pool; it must not be used afterwards. */
    public void release(DeviceBuffer buffer) {
        free.computeIfAbsent(buffer.capacity(), c -> new ArrayDeque<>()).push(buffer);
        bytesInUse -= buffer.capacity();
        bytesCached += buffer.capacity();
    }

    /** Frees every cached buffer through the driver. */
    public void trim() {
        for (ArrayDeque<DeviceBuffer> list : free.values()) {
            for (DeviceBuffer b : list) {
                memory.free(b.pointer());
            }
        }
        free.clear();
        bytesCached = 0;
    }

    /** How many times the driver was asked for memory. */
    public long driverAllocations() {
        return driverAllocations;
    }

    /** Bytes (by size class) handed out and not yet released. */
    public long bytesInUse() {
        return bytesInUse;
    }

    /** Bytes waiting in the free lists. */
    public long bytesCached() {
        return bytesCached;
    }
}
