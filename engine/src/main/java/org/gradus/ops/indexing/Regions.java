package org.gradus.ops.indexing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gradus.DTypeException;
import org.gradus.ShapeException;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/** Helpers shared by the indexing ops: index checks, value broadcasting and element copies. */
final class Regions {
    private Regions() {
    }

    /** Fails unless {@code index} is an integer (not bool) tensor of at most {@code maxNdim} axes. */
    static void checkIntIndex(String opName, TensorVariable index, int maxNdim) {
        if (!index.dtype().isInteger()) {
            throw new DTypeException(opName + ": an index must have an integer dtype, got " + index.describe());
        }
        if (index.ndim() > maxNdim) {
            throw new ShapeException(opName + ": an index must have at most " + maxNdim + " axes, got "
                    + index.describe());
        }
    }

    /** Fails when {@code value} cannot broadcast to a region of static type {@code region}. */
    static void checkValueFits(String opName, TensorType region, TensorVariable value) {
        int pad = region.ndim() - value.ndim();
        if (pad < 0) {
            throw new ShapeException(opName + ": the value " + value.describe() + " has more axes than the region "
                    + region.shapeString() + " it is written into");
        }
        for (int axis = 0; axis < value.ndim(); axis++) {
            int v = value.type().dim(axis);
            int r = region.dim(axis + pad);
            if (v != TensorType.UNKNOWN && v != 1 && r != TensorType.UNKNOWN && v != r) {
                throw new ShapeException(opName + ": the value " + value.describe() + " does not broadcast to the region "
                        + region.shapeString());
            }
        }
    }

    /**
     * For each element of a region of shape {@code regionShape} (row-major), the flat offset of the
     * element of {@code value} that NumPy broadcasting puts there.
     */
    static int[] broadcastOffsets(String opName, int[] valueShape, int[] regionShape) {
        int ndim = regionShape.length;
        int pad = ndim - valueShape.length;
        if (pad < 0) {
            throw new ShapeException(opName + ": a value of shape " + Arrays.toString(valueShape)
                    + " does not fit a region of shape " + Arrays.toString(regionShape));
        }
        int[] stride = new int[ndim];
        for (int axis = ndim - 1, s = 1; axis >= pad; axis--) {
            int v = valueShape[axis - pad];
            if (v != 1 && v != regionShape[axis]) {
                throw new ShapeException(opName + ": a value of shape " + Arrays.toString(valueShape)
                        + " does not broadcast to the region of shape " + Arrays.toString(regionShape));
            }
            stride[axis] = v == 1 ? 0 : s;
            s *= v;
        }
        int size = 1;
        for (int d : regionShape) {
            size *= d;
        }
        int[] offsets = new int[size];
        int[] counter = new int[ndim];
        int off = 0;
        for (int flat = 0; flat < size; flat++) {
            offsets[flat] = off;
            for (int axis = ndim - 1; axis >= 0; axis--) {
                counter[axis]++;
                off += stride[axis];
                if (counter[axis] < regionShape[axis]) {
                    break;
                }
                off -= stride[axis] * regionShape[axis];
                counter[axis] = 0;
            }
        }
        return offsets;
    }

    /** {@code dst[i] = src[offsets[i]]} for every i: typed loops for float32 and float64, element by element otherwise. */
    static void gather(NDArray src, int[] offsets, NDArray dst) {
        if (src.dtype() == DType.FLOAT32 && dst.dtype() == DType.FLOAT32) {
            float[] s = src.float32Data();
            float[] d = dst.float32Data();
            for (int i = 0; i < offsets.length; i++) {
                d[i] = s[offsets[i]];
            }
        } else if (src.dtype() == DType.FLOAT64 && dst.dtype() == DType.FLOAT64) {
            double[] s = src.float64Data();
            double[] d = dst.float64Data();
            for (int i = 0; i < offsets.length; i++) {
                d[i] = s[offsets[i]];
            }
        } else {
            for (int i = 0; i < offsets.length; i++) {
                store(src, offsets[i], dst, i, false);
            }
        }
    }

    /**
     * {@code dst[to[i]] = src[from[i]]} (or {@code +=} with {@code add}, accumulating repeated targets) for
     * every i: typed loops for float32 and float64, element by element otherwise.
     */
    static void scatter(NDArray src, int[] from, NDArray dst, int[] to, boolean add) {
        if (src.dtype() == DType.FLOAT32 && dst.dtype() == DType.FLOAT32) {
            float[] s = src.float32Data();
            float[] d = dst.float32Data();
            for (int i = 0; i < from.length; i++) {
                d[to[i]] = add ? d[to[i]] + s[from[i]] : s[from[i]];
            }
        } else if (src.dtype() == DType.FLOAT64 && dst.dtype() == DType.FLOAT64) {
            double[] s = src.float64Data();
            double[] d = dst.float64Data();
            for (int i = 0; i < from.length; i++) {
                d[to[i]] = add ? d[to[i]] + s[from[i]] : s[from[i]];
            }
        } else {
            for (int i = 0; i < from.length; i++) {
                store(src, from[i], dst, to[i], add);
            }
        }
    }

    /** Copies (or, with {@code add}, adds) one element, exactly for integers. */
    static void store(NDArray src, int si, NDArray dst, int di, boolean add) {
        if (!dst.dtype().isFloat() && !src.dtype().isFloat()) {
            dst.setLong(di, add ? dst.getLong(di) + src.getLong(si) : src.getLong(si));
        } else {
            dst.set(di, add ? dst.get(di) + src.get(si) : src.get(si));
        }
    }

    /**
     * The gradient of a value broadcast into a region: {@code g} (shaped like the region) summed over
     * the leading axes the value lacks and over its broadcastable axes, in the value's dtype.
     */
    static TensorVariable sumToShapeOf(TensorVariable g, TensorVariable value) {
        int pad = g.ndim() - value.ndim();
        List<Integer> axes = new ArrayList<>();
        int[] order = new int[value.ndim()];
        int kept = 0;
        for (int axis = 0; axis < g.ndim(); axis++) {
            boolean stretched = axis >= pad && value.type().dim(axis - pad) == 1 && g.type().dim(axis) != 1;
            if (axis < pad || stretched) {
                axes.add(axis);
            } else {
                order[axis - pad] = kept++;
            }
            if (stretched) {
                order[axis - pad] = -1;
            }
        }
        TensorVariable r = g;
        if (!axes.isEmpty()) {
            r = T.dimshuffle(T.sum(g, axes.stream().mapToInt(Integer::intValue).toArray()), order);
        }
        return r.dtype() == value.dtype() ? r : T.cast(r, value.dtype());
    }
}
