package org.gradus.compile;

import java.util.ArrayList;
import java.util.List;
import org.gradus.tensor.NDArray;
import org.gradus.types.DType;

/**
 * The intermediate buffers of one execution plan, kept across calls. A node takes a buffer of the
 * dtype and shape it needs (the most recently returned one, which is likely still in cache) or a new
 * one; a buffer comes back when its value is dead. A call repeats the previous call's takes and
 * returns, so once shapes repeat every take finds a buffer and a call allocates none.
 */
final class BufferPool {
    private final List<NDArray> free = new ArrayList<>();
    private final int limit;

    /** A pool that keeps at most {@code limit} free buffers (the oldest are dropped beyond it). */
    BufferPool(int limit) {
        this.limit = Math.max(8, limit);
    }

    NDArray take(DType dtype, int[] shape) {
        for (int i = free.size() - 1; i >= 0; i--) {
            NDArray b = free.get(i);
            if (b.dtype() == dtype && b.hasShape(shape)) {
                return free.remove(i);
            }
        }
        return NDArray.zeros(dtype, shape);
    }

    void give(NDArray buffer) {
        if (free.size() >= limit) {
            free.remove(0);
        }
        free.add(buffer);
    }

    /** The number of free buffers (for tests). */
    int freeCount() {
        return free.size();
    }
}
