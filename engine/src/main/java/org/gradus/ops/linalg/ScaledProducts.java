package org.gradus.ops.linalg;

import java.util.ArrayList;
import java.util.List;
import org.gradus.ShapeException;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/** The parts {@link Gemm} and {@link Gemv} share: {@code out = alpha * op(a) · op(b) + beta * c} with c broadcast. */
final class ScaledProducts {
    private ScaledProducts() {
    }

    /**
     * Writes {@code c} broadcast to out's shape into {@code out} (a whole copy when the shapes agree, a
     * row repeated for a bias), so that the product can then be accumulated onto it with {@code beta}.
     */
    private static boolean sameShape(NDArray a, NDArray b) {
        if (a.ndim() != b.ndim()) {
            return false;
        }
        for (int i = 0; i < a.ndim(); i++) {
            if (a.dim(i) != b.dim(i)) {
                return false;
            }
        }
        return true;
    }

    static void broadcastInto(NDArray out, NDArray c) {
        if (c == out) {
            return;
        }
        int ndim = out.ndim();
        if (sameShape(out, c) && c.dtype() == out.dtype()) {
            out.copyFrom(c);
            return;
        }
        // element strides of c along the output's row and column axes, 0 where c is broadcast
        // (read from dims, not shape()/strides() copies: this runs on every call of a layer with a bias)
        int pad = ndim - c.ndim();
        int rowStride = 0;
        int colStride = 0;
        for (int a = pad; a < ndim; a++) {
            int d = c.dim(a - pad);
            if (d != 1 && d != out.dim(a)) {
                throw new ShapeException("gemm: the added term of shape " + java.util.Arrays.toString(c.shape())
                        + " does not broadcast to the product's shape " + java.util.Arrays.toString(out.shape()));
            }
            int stride = 1;
            for (int j = a - pad + 1; j < c.ndim(); j++) {
                stride *= c.dim(j);
            }
            if (a == ndim - 1) {
                colStride = d == 1 ? 0 : stride;
            } else {
                rowStride = d == 1 ? 0 : stride;
            }
        }
        int rows = ndim == 2 ? out.dim(0) : 1;
        int cols = ndim == 0 ? 1 : out.dim(ndim - 1);
        if (out.dtype() == DType.FLOAT32 && c.dtype() == DType.FLOAT32) {
            float[] o = out.float32Data();
            float[] v = c.float32DataForReading();
            for (int i = 0; i < rows; i++) {
                if (colStride == 1) {
                    System.arraycopy(v, i * rowStride, o, i * cols, cols);
                } else {
                    java.util.Arrays.fill(o, i * cols, (i + 1) * cols, v[i * rowStride]);
                }
            }
        } else if (out.dtype() == DType.FLOAT64 && c.dtype() == DType.FLOAT64) {
            double[] o = out.float64Data();
            double[] v = c.float64DataForReading();
            for (int i = 0; i < rows; i++) {
                if (colStride == 1) {
                    System.arraycopy(v, i * rowStride, o, i * cols, cols);
                } else {
                    java.util.Arrays.fill(o, i * cols, (i + 1) * cols, v[i * rowStride]);
                }
            }
        } else {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    out.set(i * cols + j, c.get(i * rowStride + j * colStride));
                }
            }
        }
    }

    /**
     * {@code out = alpha · op(a) · op(b) + beta · c} with c broadcast to out's shape: c is laid into
     * out first and the product accumulated onto it by the matrix-product kernel in one pass.
     */
    static void compute(NDArray out, double alpha, NDArray a, boolean transA, NDArray b, boolean transB, double beta,
                        NDArray c) {
        if (beta != 0) {
            broadcastInto(out, c);
        }
        MatMul.gemm(alpha, a, transA, b, transB, beta, out);
    }

    /** The operand as the product sees it: transposed when {@code trans}. */
    static TensorVariable op(TensorVariable x, boolean trans) {
        return trans ? T.transpose(x) : x;
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
