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
 * BLAS's general matrix product {@code gemm(c, alpha, a, b, beta) = beta * c + alpha * (a · b)}: a
 * m×k and b k×n matrices, alpha and beta scalars, c broadcastable to m×n. The optimizer puts it
 * where the user wrote a matrix product plus a (scaled) term, such as the update {@code w - lr * dot(x.T, g)}.
 * {@code transA} / {@code transB} read a or b transposed in place ({@code gemm_TN} etc. in printouts): the
 * optimizer folds {@code dot(x.T, g)} and {@code dot(g, W.T)} into them instead of copying a transpose.
 * The matrix-product kernel lays c into the output and accumulates the product onto it in one pass.
 */
public record Gemm(boolean transA, boolean transB) implements Op {
    /** The plain form, neither operand transposed. */
    public Gemm() {
        this(false, false);
    }

    @Override
    public String name() {
        return transA || transB ? "gemm_" + (transA ? "T" : "N") + (transB ? "T" : "N") : "gemm";
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        TensorVariable c = inputs.get(0);
        TensorVariable a = inputs.get(2);
        TensorVariable b = inputs.get(3);
        if (a.ndim() != 2 || b.ndim() != 2 || c.ndim() > 2 || inputs.get(1).ndim() != 0 || inputs.get(4).ndim() != 0) {
            throw new ShapeException("gemm: expected (c, scalar alpha, matrix a, matrix b, scalar beta), got " + inputs);
        }
        if (a.dtype() != b.dtype() || c.dtype() != a.dtype() || !a.dtype().isFloat()) {
            throw new DTypeException("gemm: a, b and c must have one float dtype, got " + a.describe() + ", "
                    + b.describe() + ", " + c.describe());
        }
        int ka = a.type().dim(transA ? 0 : 1);
        int kb = b.type().dim(transB ? 1 : 0);
        if (ka != TensorType.UNKNOWN && kb != TensorType.UNKNOWN && ka != kb) {
            throw new ShapeException(name() + ": op(a) " + a.describe() + " has " + ka + " columns but op(b) "
                    + b.describe() + " has " + kb + " rows");
        }
        return List.of(TensorType.of(a.dtype(), dim(a.type().dim(transA ? 1 : 0), c, 0),
                dim(b.type().dim(transB ? 0 : 1), c, 1)));
    }

    /** A static output length: the product's, else the added term's when it is not broadcast. */
    static int dim(int productDim, TensorVariable c, int axis) {
        int k = axis - (2 - c.ndim());
        int cd = k < 0 ? 1 : c.type().dim(k);
        return productDim != TensorType.UNKNOWN ? productDim : (cd == 1 ? TensorType.UNKNOWN : cd);
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        NDArray a = inputs[2];
        NDArray b = inputs[3];
        int ka = a.dim(transA ? 0 : 1);
        int kb = b.dim(transB ? 1 : 0);
        if (ka != kb) {
            throw new ShapeException(name() + ": op(a) of shape " + java.util.Arrays.toString(a.shape()) + " has " + ka
                    + " columns but op(b) of shape " + java.util.Arrays.toString(b.shape()) + " has " + kb + " rows");
        }
        return new int[][] {{a.dim(transA ? 1 : 0), b.dim(transB ? 0 : 1)}};
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        ScaledProducts.compute(outputs[0], inputs[1].doubleValue(), inputs[2], transA, inputs[3], transB,
                inputs[4].doubleValue(), inputs[0]);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        TensorVariable c = inputs.get(0);
        TensorVariable alpha = inputs.get(1);
        TensorVariable a = ScaledProducts.op(inputs.get(2), transA);
        TensorVariable b = ScaledProducts.op(inputs.get(3), transB);
        TensorVariable beta = inputs.get(4);
        TensorVariable g = outputGrads.get(0);
        return java.util.Arrays.asList(
                ScaledProducts.sumToShapeOf(T.mul(g, beta), c),
                alpha.dtype().isFloat() ? T.cast(T.sum(T.mul(g, T.dot(a, b))), alpha.dtype()) : null,
                ScaledProducts.op(T.mul(alpha, T.dot(g, T.transpose(b))), transA),
                ScaledProducts.op(T.mul(alpha, T.dot(T.transpose(a), g)), transB),
                beta.dtype().isFloat() ? T.cast(T.sum(T.mul(g, c)), beta.dtype()) : null);
    }
}
