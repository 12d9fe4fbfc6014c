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
 * The product is computed by the matrix-product kernel of {@link Dot}, then scaled and added in one pass.
 */
public record Gemm() implements Op {
    @Override
    public String name() {
        return "gemm";
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
        return List.of(TensorType.of(a.dtype(), dim(a.type().dim(0), c, 0), dim(b.type().dim(1), c, 1)));
    }

    /** A static output length: the product's, else the added term's when it is not broadcast. */
    static int dim(int productDim, TensorVariable c, int axis) {
        int k = axis - (2 - c.ndim());
        int cd = k < 0 ? 1 : c.type().dim(k);
        return productDim != TensorType.UNKNOWN ? productDim : (cd == 1 ? TensorType.UNKNOWN : cd);
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        return new Dot().outputShapes(new NDArray[] {inputs[2], inputs[3]});
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        NDArray a = inputs[2];
        NDArray b = inputs[3];
        NDArray out = outputs[0];
        MatMul.multiply(a, b, out, a.dim(0), a.dim(1), b.dim(1));
        ScaledProducts.scaleAndAdd(out, inputs[1].doubleValue(), inputs[0], inputs[4].doubleValue());
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        TensorVariable c = inputs.get(0);
        TensorVariable alpha = inputs.get(1);
        TensorVariable a = inputs.get(2);
        TensorVariable b = inputs.get(3);
        TensorVariable beta = inputs.get(4);
        TensorVariable g = outputGrads.get(0);
        return java.util.Arrays.asList(
                ScaledProducts.sumToShapeOf(T.mul(g, beta), c),
                alpha.dtype().isFloat() ? T.cast(T.sum(T.mul(g, T.dot(a, b))), alpha.dtype()) : null,
                T.mul(alpha, T.dot(g, T.transpose(b))),
                T.mul(alpha, T.dot(T.transpose(a), g)),
                beta.dtype().isFloat() ? T.cast(T.sum(T.mul(g, c)), beta.dtype()) : null);
    }
}
