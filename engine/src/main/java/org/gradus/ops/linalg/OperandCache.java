package org.gradus.ops.linalg;

import java.lang.ref.WeakReference;
import java.util.function.LongFunction;
import org.bytedeco.javacpp.Pointer;

/**
 * One thread's off-heap copies of matrix operands that OpenBLAS read earlier, each tagged with the
 * heap array it was copied from and that array's {@link org.gradus.tensor.NDArray#version() version}.
 * A weight matrix read by several products between two updates (or by every call of an inference
 * function) is then copied off the heap once instead of on every call.
 *
 * <p>Entries hold their heap array weakly; the least recently used are dropped when more than
 * {@link #MAX_ENTRIES} or {@link #MAX_BYTES} would be held. Small operands are not cached: copying
 * them costs less than the bookkeeping.
 */
final class OperandCache {
    /** Operands with fewer elements are copied every time. */
    static final int MIN_ELEMENTS = 1 << 14;
    private static final int MAX_ENTRIES = 8;
    /** At most 256 MiB, and an eighth of the heap limit (JavaCPP caps off-heap memory by it too). */
    private static final long MAX_BYTES = Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8);

    private final Entry[] entries = new Entry[MAX_ENTRIES];
    private long clock;

    /** A cached copy and what it was copied from. */
    private static final class Entry {
        final WeakReference<Object> source;
        final Pointer copy;
        final long bytes;
        int version;
        int size;
        long lastUse;

        Entry(Object source, Pointer copy, long bytes) {
            this.source = new WeakReference<>(source);
            this.copy = copy;
            this.bytes = bytes;
        }
    }

    /** Whether an operand of this many elements is worth caching: big enough to matter, small enough to keep. */
    static boolean worthCaching(int size, int elementBytes) {
        return size >= MIN_ELEMENTS && (long) size * elementBytes <= MAX_BYTES / 2;
    }

    /** The copy of {@code array}'s first {@code size} elements at {@code version}, or {@code null} when there is none. */
    Pointer find(Object array, int version, int size) {
        for (Entry e : entries) {
            if (e != null && e.source.get() == array && e.version == version && e.size == size) {
                e.lastUse = ++clock;
                return e.copy;
            }
        }
        return null;
    }

    /**
     * A buffer of at least {@code size} elements of {@code elementBytes} each, registered as the copy
     * of {@code array} at {@code version}; the caller fills it. An older copy of the same array is reused.
     */
    Pointer reserve(Object array, int version, int size, int elementBytes, LongFunction<Pointer> allocate) {
        long bytes = (long) size * elementBytes;
        int slot = -1;
        for (int i = 0; i < entries.length; i++) {
            Entry e = entries[i];
            if (e != null && e.source.get() == array) {
                if (e.bytes >= bytes) {
                    e.version = version;
                    e.size = size;
                    e.lastUse = ++clock;
                    return e.copy;
                }
                drop(i);
            }
        }
        while (heldBytes() + bytes > MAX_BYTES || (slot = freeSlot()) < 0) {
            if (!dropLeastRecentlyUsed()) {
                break;
            }
        }
        if (slot < 0) {
            slot = freeSlot();
        }
        Entry e = new Entry(array, allocate.apply(size), bytes);
        e.version = version;
        e.size = size;
        e.lastUse = ++clock;
        entries[slot] = e;
        return e.copy;
    }

    /** Marks {@code copy}, the cached copy of {@code array}, as current for {@code version}. */
    void retag(Object array, Pointer copy, int version) {
        for (Entry e : entries) {
            if (e != null && e.copy == copy && e.source.get() == array) {
                e.version = version;
                e.lastUse = ++clock;
            }
        }
    }

    private int freeSlot() {
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] == null || entries[i].source.get() == null) {
                drop(i);
                return i;
            }
        }
        return -1;
    }

    private long heldBytes() {
        long total = 0;
        for (Entry e : entries) {
            total += e == null ? 0 : e.bytes;
        }
        return total;
    }

    private boolean dropLeastRecentlyUsed() {
        int oldest = -1;
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] != null && (oldest < 0 || entries[i].lastUse < entries[oldest].lastUse)) {
                oldest = i;
            }
        }
        if (oldest >= 0) {
            drop(oldest);
        }
        return oldest >= 0;
    }

    private void drop(int i) {
        if (entries[i] != null) {
            entries[i].copy.close();
            entries[i] = null;
        }
    }
}
