package org.gradus.ops.indexing;

import java.util.List;
import org.gradus.ShapeException;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/**
 * The elements that int index vectors on the first {@code k} axes select: {@code x[i0, i1, ...]}
 * with the vectors (and int scalars) broadcast together to length {@code L}, giving a region of
 * shape {@code (L,) + x.shape[k:]}. Negative indices count from the end; indices out of range fail.
 */
final class AdvancedRegion {
    final int[] shape;
    /** For each element of the region, in row-major order, its flat offset in the indexed array. */
    final int[] offsets;

    private AdvancedRegion(int[] shape, int[] offsets) {
        this.shape = shape;
        this.offsets = offsets;
    }

    /** The static type of the region; also validates the indices. */
    static TensorType regionType(String opName, TensorVariable x, List<TensorVariable> indices) {
        int k = indices.size();
        if (k == 0 || k > x.ndim()) {
            throw new ShapeException(opName + ": got " + k + " index vectors for " + x.describe());
        }
        boolean anyVector = false;
        int length = 1;
        boolean unknown = false;
        for (TensorVariable index : indices) {
            Regions.checkIntIndex(opName, index, 1);
            if (index.ndim() == 0) {
                continue;
            }
            anyVector = true;
            int d = index.type().dim(0);
            if (d == TensorType.UNKNOWN) {
                unknown = true;
            } else if (d != 1) {
                if (length != 1 && length != d) {
                    throw new ShapeException(opName + ": index vectors of lengths " + length + " and " + d
                            + " do not broadcast");
                }
                length = d;
            }
        }
        if (!anyVector) {
            throw new ShapeException(opName + ": needs at least one index vector; use basic indexing for scalars");
        }
        int[] shape = new int[1 + x.ndim() - k];
        // an unknown vector may stretch a known length 1 at run time, but never a longer one
        shape[0] = unknown && length == 1 ? TensorType.UNKNOWN : length;
        for (int axis = k; axis < x.ndim(); axis++) {
            shape[1 + axis - k] = x.type().dim(axis);
        }
        return TensorType.of(x.dtype(), shape);
    }

    /** The length the index vectors {@code inputs[first:]} broadcast to (scalars count as length 1). */
    private static int length(String opName, NDArray[] inputs, int first) {
        int length = 1;
        for (int j = first; j < inputs.length; j++) {
            NDArray index = inputs[j];
            int d = index.ndim() == 0 ? 1 : index.dim(0);
            if (d != 1) {
                if (length != 1 && length != d) {
                    throw new ShapeException(opName + ": index vectors of lengths " + length + " and " + d
                            + " do not broadcast");
                }
                length = d;
            }
        }
        return length;
    }

    /** Resolves the region of an array of shape {@code xShape} for the indices {@code inputs[first:]}. */
    static AdvancedRegion resolve(String opName, int[] xShape, NDArray[] inputs, int first) {
        int k = inputs.length - first;
        int length = length(opName, inputs, first);
        int inner = 1;
        int[] shape = new int[1 + xShape.length - k];
        shape[0] = length;
        for (int axis = k; axis < xShape.length; axis++) {
            inner *= xShape[axis];
            shape[1 + axis - k] = xShape[axis];
        }
        int[] offsets = new int[length * inner];
        for (int i = 0; i < length; i++) {
            int base = 0;
            for (int j = 0; j < k; j++) {
                NDArray index = inputs[first + j];
                long raw = index.getLong(index.size() == 1 ? 0 : i);
                base = base * xShape[j] + BasicRegion.checkedPoint(opName, raw, j, xShape[j]);
            }
            // the trailing axes are taken whole, so each selected block is contiguous
            for (int r = 0; r < inner; r++) {
                offsets[i * inner + r] = base * inner + r;
            }
        }
        return new AdvancedRegion(shape, offsets);
    }

    /**
     * {@code out = x} with {@code value} written (or, with {@code add}, added) into the region, when
     * {@code value} has the region's full shape (no broadcasting), without allocating: the same
     * elements in the same order, and the same checks, as {@link #resolve} with
     * {@link Regions#scatter}. Returns {@code false}, doing nothing, when {@code value} is broadcast.
     */
    static boolean scatterWhole(String opName, NDArray x, NDArray value, NDArray[] inputs, int first, NDArray out,
                                boolean add) {
        int k = inputs.length - first;
        if (value.ndim() != 1 + x.ndim() - k) {
            return false;
        }
        int length = length(opName, inputs, first);
        int inner = 1;
        for (int axis = k; axis < x.ndim(); axis++) {
            if (value.dim(1 + axis - k) != x.dim(axis)) {
                return false;
            }
            inner *= x.dim(axis);
        }
        if (value.dim(0) != length) {
            return false;
        }
        // every index is checked before anything is written (out may be x itself)
        for (int i = 0; i < length; i++) {
            for (int j = 0; j < k; j++) {
                NDArray index = inputs[first + j];
                BasicRegion.checkedPoint(opName, index.getLong(index.size() == 1 ? 0 : i), j, x.dim(j));
            }
        }
        out.copyFrom(x);
        boolean f32 = value.dtype() == DType.FLOAT32 && out.dtype() == DType.FLOAT32;
        boolean f64 = value.dtype() == DType.FLOAT64 && out.dtype() == DType.FLOAT64;
        for (int i = 0; i < length; i++) {
            int base = 0;
            for (int j = 0; j < k; j++) {
                NDArray index = inputs[first + j];
                long raw = index.getLong(index.size() == 1 ? 0 : i);
                base = base * x.dim(j) + BasicRegion.checkedPoint(opName, raw, j, x.dim(j));
            }
            int to = base * inner;
            int from = i * inner;
            if (f32) {
                float[] s = value.float32Data();
                float[] d = out.float32Data();
                for (int r = 0; r < inner; r++) {
                    d[to + r] = add ? d[to + r] + s[from + r] : s[from + r];
                }
            } else if (f64) {
                double[] s = value.float64Data();
                double[] d = out.float64Data();
                for (int r = 0; r < inner; r++) {
                    d[to + r] = add ? d[to + r] + s[from + r] : s[from + r];
                }
            } else {
                for (int r = 0; r < inner; r++) {
                    Regions.store(value, from + r, out, to + r, add);
                }
            }
        }
        return true;
    }
}
