package org.gradus.ops.linalg;

import java.util.Arrays;
import java.util.List;
import org.gradus.DTypeException;
import org.gradus.ShapeException;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/**
 * The sum of two matrix products added to a term, {@code beta · c + alpha · (op(a1)·op(b1) + op(a2)·op(b2))},
 * both products with the same flags ({@code gemm2_TN} etc. in printouts): the gradient of tied weights
 * (the autoencoder's {@code W}, read by the encoder and, transposed, by the decoder) and its update.
 * Inputs {@code (c, alpha, a1, b1, a2, b2, beta)}.
 *
 * <p>{@code TwoProductsIntoOneGemm} makes it. With a short inner dimension (at most
 * {@value #JOIN_MAX_INNER} in all, a small minibatch) the operands are joined into per-thread scratch
 * arrays and multiplied once, {@code [a1 a2]·[b1; b2]}; with a longer one each core's block of the
 * result is computed by two products back to back on OpenBLAS's in-place path (the block stays in the
 * core's cache between them), so the thin operands are never copied: the minibatch-128 autoencoder no
 * longer copies 1.3 (float32) or 2.6 MB (float64) into joined operands per step.
 */
public record GemmOfTwoProducts(boolean transA, boolean transB) implements Op {
    /** Joined operands up to this inner dimension (k1 + k2); two products beyond. */
    static final int JOIN_MAX_INNER = 64;

    @Override
    public String name() {
        return "gemm2_" + (transA ? "T" : "N") + (transB ? "T" : "N");
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        if (inputs.size() != 7) {
            throw new ShapeException(name() + ": expected (c, alpha, a1, b1, a2, b2, beta), got " + inputs.size()
                    + " inputs");
        }
        TensorVariable c = inputs.get(0);
        Gemm one = new Gemm(transA, transB);
        TensorType first = one.outputTypes(List.of(c, inputs.get(1), inputs.get(2), inputs.get(3), inputs.get(6))).get(0);
        TensorType second = one.outputTypes(List.of(c, inputs.get(1), inputs.get(4), inputs.get(5), inputs.get(6))).get(0);
        if (first.dtype() != second.dtype()) {
            throw new DTypeException(name() + ": both products must have one dtype, got " + first + " and " + second);
        }
        int[] shape = new int[2];
        for (int axis = 0; axis < 2; axis++) {
            int d1 = first.dim(axis);
            int d2 = second.dim(axis);
            if (d1 != TensorType.UNKNOWN && d2 != TensorType.UNKNOWN && d1 != d2) {
                throw new ShapeException(name() + ": the products have shapes " + first + " and " + second);
            }
            shape[axis] = d1 != TensorType.UNKNOWN ? d1 : d2;
        }
        return List.of(TensorType.of(first.dtype(), shape));
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        Gemm one = new Gemm(transA, transB);
        int[] first = one.outputShapes(new NDArray[] {inputs[0], inputs[1], inputs[2], inputs[3], inputs[6]})[0];
        int[] second = one.outputShapes(new NDArray[] {inputs[0], inputs[1], inputs[4], inputs[5], inputs[6]})[0];
        if (!Arrays.equals(first, second)) {
            throw new ShapeException(name() + ": op(a1)·op(b1) is " + Arrays.toString(first) + " but op(a2)·op(b2) is "
                    + Arrays.toString(second));
        }
        return new int[][] {first};
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        NDArray out = outputs[0];
        double beta = inputs[6].doubleValue();
        if (beta != 0) {
            ScaledProducts.broadcastInto(out, inputs[0]);
        }
        MatMul.gemmOfTwo(inputs[1].doubleValue(), inputs[2], inputs[3], inputs[4], inputs[5], transA, transB, beta, out);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        TensorVariable c = inputs.get(0);
        TensorVariable alpha = inputs.get(1);
        TensorVariable a1 = ScaledProducts.op(inputs.get(2), transA);
        TensorVariable b1 = ScaledProducts.op(inputs.get(3), transB);
        TensorVariable a2 = ScaledProducts.op(inputs.get(4), transA);
        TensorVariable b2 = ScaledProducts.op(inputs.get(5), transB);
        TensorVariable beta = inputs.get(6);
        TensorVariable g = outputGrads.get(0);
        TensorVariable sum = T.add(T.dot(a1, b1), T.dot(a2, b2));
        return Arrays.asList(
                ScaledProducts.sumToShapeOf(T.mul(g, beta), c),
                alpha.dtype().isFloat() ? T.cast(T.sum(T.mul(g, sum)), alpha.dtype()) : null,
                ScaledProducts.op(T.mul(alpha, T.dot(g, T.transpose(b1))), transA),
                ScaledProducts.op(T.mul(alpha, T.dot(T.transpose(a1), g)), transB),
                ScaledProducts.op(T.mul(alpha, T.dot(g, T.transpose(b2))), transA),
                ScaledProducts.op(T.mul(alpha, T.dot(T.transpose(a2), g)), transB),
                beta.dtype().isFloat() ? T.cast(T.sum(T.mul(g, c)), beta.dtype()) : null);
    }
}
