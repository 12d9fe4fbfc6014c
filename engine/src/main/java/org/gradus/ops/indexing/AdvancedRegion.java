package org.gradus.ops.indexing;

import java.util.List;
import org.gradus.ShapeException;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.TensorVariable;
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

    /** Resolves the region of an array of shape {@code xShape} for the indices {@code inputs[first:]}. */
    static AdvancedRegion resolve(String opName, int[] xShape, NDArray[] inputs, int first) {
        int k = inputs.length - first;
        int length = 1;
        for (int j = 0; j < k; j++) {
            NDArray index = inputs[first + j];
            int d = index.ndim() == 0 ? 1 : index.dim(0);
            if (d != 1) {
                if (length != 1 && length != d) {
                    throw new ShapeException(opName + ": index vectors of lengths " + length + " and " + d
                            + " do not broadcast");
                }
                length = d;
            }
        }
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
}
