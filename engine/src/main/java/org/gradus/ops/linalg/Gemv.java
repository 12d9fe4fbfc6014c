package org.gradus.ops.linalg;

import java.util.List;
import org.gradus.DTypeException;
import org.gradus.ShapeException;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/**
 * BLAS's matrix-vector product {@code gemv(y, alpha, a, x, beta) = beta * y + alpha * (a · x)}: a an
 * m×k matrix, x a vector of length k, alpha and beta scalars, y broadcastable to length m. The
 * optimizer uses it for every matrix-vector {@code dot} (with {@code beta = 0} when nothing is added).
 * With {@code transA} the matrix is read transposed in place ({@code gemv_T}), for {@code dot(W.T, g)}.
 */
public record Gemv(boolean transA) implements Op {
    /** The plain form, the matrix not transposed. */
    public Gemv() {
        this(false);
    }

    @Override
    public String name() {
        return transA ? "gemv_T" : "gemv";
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        TensorVariable y = inputs.get(0);
        TensorVariable a = ScaledProducts.op(inputs.get(2), transA);
        TensorVariable x = inputs.get(3);
        if (a.ndim() != 2 || x.ndim() != 1 || y.ndim() > 1 || inputs.get(1).ndim() != 0 || inputs.get(4).ndim() != 0) {
            throw new ShapeException("gemv: expected (y, scalar alpha, matrix a, vector x, scalar beta), got " + inputs);
        }
        if (a.dtype() != x.dtype() || y.dtype() != a.dtype() || !a.dtype().isFloat()) {
            throw new DTypeException("gemv: a, x and y must have one float dtype, got " + a.describe() + ", "
                    + x.describe() + ", " + y.describe());
        }
        int m = a.type().dim(transA ? 1 : 0);
        int yd = y.ndim() == 0 ? 1 : y.type().dim(0);
        return List.of(TensorType.of(a.dtype(), m != TensorType.UNKNOWN ? m : (yd == 1 ? TensorType.UNKNOWN : yd)));
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        NDArray a = inputs[2];
        int k = a.dim(transA ? 0 : 1);
        if (k != inputs[3].dim(0)) {
            throw new ShapeException(name() + ": the matrix of shape " + java.util.Arrays.toString(a.shape())
                    + (transA ? " transposed" : "") + " does not fit a vector of length " + inputs[3].dim(0));
        }
        return new int[][] {{a.dim(transA ? 1 : 0)}};
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        ScaledProducts.compute(outputs[0], inputs[1].doubleValue(), inputs[2], transA, inputs[3], false,
                inputs[4].doubleValue(), inputs[0]);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        TensorVariable y = inputs.get(0);
        TensorVariable alpha = inputs.get(1);
        TensorVariable a = ScaledProducts.op(inputs.get(2), transA);
        TensorVariable x = inputs.get(3);
        TensorVariable beta = inputs.get(4);
        TensorVariable g = outputGrads.get(0);
        return java.util.Arrays.asList(
                ScaledProducts.sumToShapeOf(T.mul(g, beta), y),
                alpha.dtype().isFloat() ? T.cast(T.sum(T.mul(g, T.dot(a, x))), alpha.dtype()) : null,
                ScaledProducts.op(T.mul(alpha, T.outer(g, x)), transA),
                T.mul(alpha, T.dot(T.transpose(a), g)),
                beta.dtype().isFloat() ? T.cast(T.sum(T.mul(g, y)), beta.dtype()) : null);
    }
}
