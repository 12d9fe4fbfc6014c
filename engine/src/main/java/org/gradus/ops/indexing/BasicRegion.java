package org.gradus.ops.indexing;

import java.util.List;
import org.gradus.GradusException;
import org.gradus.tensor.NDArray;
import org.gradus.types.TensorType;

/**
 * The elements that a basic index pattern selects from an array, resolved for run-time shapes and
 * bounds with NumPy's rules: negative points and bounds count from the end, points out of range
 * fail, slice bounds are clamped to the axis.
 */
final class BasicRegion {
    /** The shape of the selected region (the axes indexed by points are gone). */
    final int[] shape;
    /** The number of elements of the region. */
    final int size;
    /**
     * The flat offset of the region's first element when the region is one contiguous run of the
     * indexed array (a row range of a matrix, such as a minibatch), else -1.
     */
    final int contiguousStart;
    private final int[] xShape;
    private final int[] start;
    private final int[] step;
    private final int[] count;
    private int[] offsets;

    private BasicRegion(int[] shape, int size, int[] xShape, int[] start, int[] step, int[] count) {
        this.shape = shape;
        this.size = size;
        this.xShape = xShape;
        this.start = start;
        this.step = step;
        this.count = count;
        this.contiguousStart = contiguousStart(xShape, start, step, count);
    }

    /** For each element of the region, in row-major order, its flat offset in the indexed array (computed once). */
    int[] offsets() {
        if (offsets == null) {
            offsets = offsets(xShape, start, step, count, size);
        }
        return offsets;
    }

    /** The run's start when the trailing axes are whole, one axis is a step-1 range and the leading ones points. */
    private static int contiguousStart(int[] xShape, int[] start, int[] step, int[] count) {
        int axis = xShape.length - 1;
        while (axis >= 0 && start[axis] == 0 && count[axis] == xShape[axis] && (step[axis] == 1 || count[axis] <= 1)) {
            axis--;
        }
        if (axis >= 0 && step[axis] != 1 && count[axis] > 1) {
            return -1;
        }
        for (int a = axis - 1; a >= 0; a--) {
            if (count[a] > 1) {
                return -1;
            }
        }
        int base = 0;
        for (int a = xShape.length - 1, s = 1; a >= 0; a--) {
            base += start[a] * s;
            s *= xShape[a];
        }
        return base;
    }

    /**
     * Resolves {@code pattern} against an array of shape {@code xShape}; the symbolic bounds are read,
     * in order, from {@code inputs[firstExtra]} onwards.
     */
    static BasicRegion resolve(org.gradus.ops.Op op, List<AxisIndex> pattern, int[] xShape, NDArray[] inputs,
                               int firstExtra) {
        int ndim = xShape.length;
        int[] start = new int[ndim];
        int[] step = new int[ndim];
        int[] count = new int[ndim];
        int kept = 0;
        int extra = firstExtra;
        for (int axis = 0; axis < ndim; axis++) {
            int len = xShape[axis];
            AxisIndex index = axis < pattern.size() ? pattern.get(axis) : AxisIndex.ALL;
            if (index.point()) {
                long i = value(index.start(), inputs, extra);
                extra += index.inputCount();
                start[axis] = checkedPoint(op, i, axis, len);
                step[axis] = 1;
                count[axis] = 1;
                continue;
            }
            Long lo = optional(index.start(), inputs, extra);
            extra += index.start().kind() == AxisIndex.Bound.Kind.INPUT ? 1 : 0;
            Long hi = optional(index.stop(), inputs, extra);
            extra += index.stop().kind() == AxisIndex.Bound.Kind.INPUT ? 1 : 0;
            Long st = optional(index.step(), inputs, extra);
            extra += index.step().kind() == AxisIndex.Bound.Kind.INPUT ? 1 : 0;
            long s = st == null ? 1 : st;
            if (s == 0) {
                throw new GradusException(op.name() + ": slice step cannot be zero (axis " + axis + ")");
            }
            long[] resolved = sliceIndices(lo, hi, s, len);
            start[axis] = (int) resolved[0];
            step[axis] = (int) s;
            count[axis] = (int) resolved[1];
            kept++;
        }
        int[] shape = new int[kept];
        int size = 1;
        for (int axis = 0, k = 0; axis < ndim; axis++) {
            size *= count[axis];
            boolean isPoint = axis < pattern.size() && pattern.get(axis).point();
            if (!isPoint) {
                shape[k++] = count[axis];
            }
        }
        return new BasicRegion(shape, size, xShape.clone(), start, step, count);
    }

    private static int[] offsets(int[] xShape, int[] start, int[] step, int[] count, int size) {
        int ndim = xShape.length;
        int[] offsets = new int[size];
        if (size == 0) {
            return offsets;
        }
        int[] stride = new int[ndim];
        int base = 0;
        for (int axis = ndim - 1, s = 1; axis >= 0; axis--) {
            stride[axis] = s * step[axis];
            base += start[axis] * s;
            s *= xShape[axis];
        }
        int[] counter = new int[ndim];
        int off = base;
        for (int flat = 0; flat < size; flat++) {
            offsets[flat] = off;
            // advance the odometer over the region's axes, last axis fastest
            for (int axis = ndim - 1; axis >= 0; axis--) {
                counter[axis]++;
                off += stride[axis];
                if (counter[axis] < count[axis]) {
                    break;
                }
                off -= stride[axis] * count[axis];
                counter[axis] = 0;
            }
        }
        return offsets;
    }

    /** {@link #checkedPoint(String, long, int, int)} naming the op only when the index is out of bounds. */
    static int checkedPoint(org.gradus.ops.Op op, long index, int axis, int length) {
        long i = index < 0 ? index + length : index;
        return i < 0 || i >= length ? checkedPoint(op.name(), index, axis, length) : (int) i;
    }

    /** A point index made non-negative, or a clear error when it is outside the axis. */
    static int checkedPoint(String opName, long index, int axis, int length) {
        long i = index < 0 ? index + length : index;
        if (i < 0 || i >= length) {
            throw new GradusException(opName + ": index " + index + " is out of bounds for axis " + axis
                    + " with length " + length);
        }
        return (int) i;
    }

    /**
     * NumPy's {@code slice.indices}: the first index and the element count of {@code lo:hi:step} on
     * an axis of length {@code len} ({@code null} bounds are omitted).
     */
    static long[] sliceIndices(Long lo, Long hi, long step, long len) {
        long packed = packedSlice(lo != null, lo == null ? 0 : lo, hi != null, hi == null ? 0 : hi, step, len);
        return new long[] {packed >>> 32, packed & 0xFFFFFFFFL};
    }

    /** {@link #sliceIndices} packed as {@code start << 32 | count}, without allocating. */
    private static long packedSlice(boolean hasLo, long lo, boolean hasHi, long hi, long step, long len) {
        long start;
        long stop;
        if (step > 0) {
            start = !hasLo ? 0 : clamp(lo, len, 0, len);
            stop = !hasHi ? len : clamp(hi, len, 0, len);
        } else {
            start = !hasLo ? len - 1 : clamp(lo, len, -1, len - 1);
            stop = !hasHi ? -1 : clamp(hi, len, -1, len - 1);
        }
        long n;
        if (step > 0) {
            n = start < stop ? (stop - start - 1) / step + 1 : 0;
        } else {
            n = stop < start ? (start - stop - 1) / -step + 1 : 0;
        }
        return ((n == 0 ? 0 : start) << 32) | n;
    }

    /**
     * The step of a slice ({@code 1} for a point) and its range on an axis of length {@code len},
     * packed as {@code start << 32 | count}, reading symbolic bounds from {@code inputs[extra]} on;
     * the same checks and errors as {@link #resolve}, without allocating.
     */
    private static long axisRange(org.gradus.ops.Op op, AxisIndex index, int axis, int len, NDArray[] inputs,
                                  int extra) {
        if (index.point()) {
            return ((long) checkedPoint(op, value(index.start(), inputs, extra), axis, len) << 32) | 1;
        }
        int e = extra;
        boolean hasLo = index.start().kind() != AxisIndex.Bound.Kind.ABSENT;
        long lo = hasLo ? value(index.start(), inputs, e) : 0;
        e += index.start().kind() == AxisIndex.Bound.Kind.INPUT ? 1 : 0;
        boolean hasHi = index.stop().kind() != AxisIndex.Bound.Kind.ABSENT;
        long hi = hasHi ? value(index.stop(), inputs, e) : 0;
        e += index.stop().kind() == AxisIndex.Bound.Kind.INPUT ? 1 : 0;
        long step = stepOf(op, index, axis, inputs, e);
        return packedSlice(hasLo, lo, hasHi, hi, step, len);
    }

    private static long stepOf(org.gradus.ops.Op op, AxisIndex index, int axis, NDArray[] inputs, int extra) {
        long step = index.step().kind() == AxisIndex.Bound.Kind.ABSENT ? 1 : value(index.step(), inputs, extra);
        if (step == 0) {
            throw new GradusException(op.name() + ": slice step cannot be zero (axis " + axis + ")");
        }
        return step;
    }

    /** Where the symbolic bounds of {@code index}'s step are read, given where its bounds start. */
    private static int stepInput(AxisIndex index, int extra) {
        return extra + (index.start().kind() == AxisIndex.Bound.Kind.INPUT ? 1 : 0)
                + (index.stop().kind() == AxisIndex.Bound.Kind.INPUT ? 1 : 0);
    }

    /**
     * Whether the region of {@code x} has shape {@code shape}, resolving (and checking) the bounds as
     * {@link #resolve} does, without allocating.
     */
    static boolean hasShape(org.gradus.ops.Op op, List<AxisIndex> pattern, NDArray x, NDArray[] inputs,
                            int firstExtra, int[] shape) {
        int extra = firstExtra;
        int k = 0;
        for (int axis = 0; axis < x.ndim(); axis++) {
            AxisIndex index = axis < pattern.size() ? pattern.get(axis) : AxisIndex.ALL;
            long range = axisRange(op, index, axis, x.dim(axis), inputs, extra);
            extra += index.inputCount();
            if (!index.point() && (k >= shape.length || shape[k++] != (int) range)) {
                return false;
            }
        }
        return k == shape.length;
    }

    /**
     * The flat offset of the region's first element when the region is one contiguous run of
     * {@code x} (as {@link #contiguousStart} of a resolved region), else -1, without allocating.
     */
    static int contiguousStart(org.gradus.ops.Op op, List<AxisIndex> pattern, NDArray x, NDArray[] inputs,
                               int firstExtra) {
        int extra = firstExtra;
        long stride = x.size();
        long base = 0;
        boolean inRun = false;
        for (int axis = 0; axis < x.ndim(); axis++) {
            int len = x.dim(axis);
            if (len == 0) {
                return -1;
            }
            stride /= len;
            AxisIndex index = axis < pattern.size() ? pattern.get(axis) : AxisIndex.ALL;
            long range = axisRange(op, index, axis, len, inputs, extra);
            long step = index.point() ? 1 : stepOf(op, index, axis, inputs, stepInput(index, extra));
            extra += index.inputCount();
            int start = (int) (range >>> 32);
            int count = (int) range;
            if (inRun) {
                // after the run's first axis every axis is taken whole
                if (start != 0 || count != len || (step != 1 && count > 1)) {
                    return -1;
                }
            } else if (count > 1) {
                if (step != 1) {
                    return -1;
                }
                inRun = true;
            }
            base += start * stride;
        }
        return (int) base;
    }

    private static long clamp(long bound, long len, long low, long high) {
        long b = bound < 0 ? bound + len : bound;
        return Math.max(low, Math.min(high, b));
    }

    /**
     * The static length of a slice when its bounds are constants and the axis length is known,
     * else {@link TensorType#UNKNOWN}.
     */
    static int staticSliceLength(AxisIndex index, int len) {
        if (len == TensorType.UNKNOWN || index.inputCount() > 0) {
            return TensorType.UNKNOWN;
        }
        Long lo = index.start().kind() == AxisIndex.Bound.Kind.ABSENT ? null : index.start().constant();
        Long hi = index.stop().kind() == AxisIndex.Bound.Kind.ABSENT ? null : index.stop().constant();
        long step = index.step().kind() == AxisIndex.Bound.Kind.ABSENT ? 1 : index.step().constant();
        return (int) sliceIndices(lo, hi, step, len)[1];
    }

    private static long value(AxisIndex.Bound bound, NDArray[] inputs, int extra) {
        return bound.kind() == AxisIndex.Bound.Kind.INPUT ? inputs[extra].getLong(0) : bound.constant();
    }

    private static Long optional(AxisIndex.Bound bound, NDArray[] inputs, int extra) {
        return bound.kind() == AxisIndex.Bound.Kind.ABSENT ? null : value(bound, inputs, extra);
    }
}
