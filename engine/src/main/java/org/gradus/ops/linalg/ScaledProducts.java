package org.gradus.ops.linalg;

import java.util.ArrayList;
import java.util.List;
import org.gradus.ShapeException;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** The parts {@link Gemm} and {@link Gemv} share: {@code out = alpha * product + beta * c} with c broadcast. */
final class ScaledProducts {
    private ScaledProducts() {
    }

    /** Scales the product already in {@code out} and adds {@code beta * c}, broadcasting c to out's shape. */
    static void scaleAndAdd(NDArray out, double alpha, NDArray c, double beta) {
        int[] shape = out.shape();
        int ndim = shape.length;
        int[] strides = new int[ndim];
        int pad = ndim - c.ndim();
        int[] cs = c.strides();
        for (int a = pad; a < ndim; a++) {
            int d = c.dim(a - pad);
            if (d != 1 && d != shape[a]) {
                throw new ShapeException("gemm: the added term of shape " + java.util.Arrays.toString(c.shape())
                        + " does not broadcast to the product's shape " + java.util.Arrays.toString(shape));
            }
            strides[a] = d == 1 ? 0 : cs[a - pad];
        }
        int cols = ndim == 2 ? shape[1] : 1;
        int rows = ndim == 0 ? 1 : shape[0];
        if (ndim == 1) {
            cols = shape[0];
            rows = 1;
        }
        int colStride = ndim == 0 ? 0 : strides[ndim - 1];
        int rowStride = ndim == 2 ? strides[0] : 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int o = i * cols + j;
                double v = alpha * out.get(o);
                if (beta != 0) {
                    v += beta * c.get(i * rowStride + j * colStride);
                }
                out.set(o, v);
            }
        }
    }

    /** Sums a gradient shaped like the output down to the (broadcast) shape of {@code c}. */
    static TensorVariable sumToShapeOf(TensorVariable g, TensorVariable c) {
        TensorVariable r = g;
        int pad = g.ndim() - c.ndim();
        if (pad > 0) {
            int[] lead = new int[pad];
            for (int i = 0; i < pad; i++) {
                lead[i] = i;
            }
            r = T.sum(r, lead);
        }
        List<Integer> axes = new ArrayList<>();
        for (int a = 0; a < c.ndim(); a++) {
            if (c.type().dim(a) == 1 && r.type().dim(a) != 1) {
                axes.add(a);
            }
        }
        if (!axes.isEmpty()) {
            r = T.sum(r, axes.stream().mapToInt(Integer::intValue).toArray(), true);
        }
        return r;
    }
}
