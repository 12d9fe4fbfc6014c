package org.gradus.ops.linalg;

import java.util.List;
import org.gradus.DTypeException;
import org.gradus.ShapeException;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/**
 * The product of two vectors or matrices, as NumPy's {@code dot}: vector·vector is the inner
 * product, matrix·vector and vector·matrix give vectors, matrix·matrix the matrix product.
 * (Scalar operands are handled by {@code T.dot} as an elementwise product.)
 */
public record Dot() implements Op {
    @Override
    public String name() {
        return "dot";
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        TensorVariable a = inputs.get(0);
        TensorVariable b = inputs.get(1);
        if (a.ndim() < 1 || a.ndim() > 2 || b.ndim() < 1 || b.ndim() > 2) {
            throw new ShapeException("dot: operands must be vectors or matrices, got " + a.describe() + " and "
                    + b.describe());
        }
        if (a.dtype().isBool() || b.dtype().isBool()) {
            throw new DTypeException("dot: bool operands are not supported; cast them first (" + a.describe()
                    + ", " + b.describe() + ")");
        }
        int ka = a.type().dim(a.ndim() - 1);
        int kb = b.type().dim(b.ndim() == 1 ? 0 : 0);
        if (ka != TensorType.UNKNOWN && kb != TensorType.UNKNOWN && ka != kb) {
            throw new ShapeException(mismatch(a.type().shapeString(), b.type().shapeString(), ka, kb, a.ndim()));
        }
        int[] shape;
        if (a.ndim() == 1 && b.ndim() == 1) {
            shape = new int[0];
        } else if (a.ndim() == 2 && b.ndim() == 1) {
            shape = new int[] {a.type().dim(0)};
        } else if (a.ndim() == 1) {
            shape = new int[] {b.type().dim(1)};
        } else {
            shape = new int[] {a.type().dim(0), b.type().dim(1)};
        }
        return List.of(TensorType.of(DType.upcast(a.dtype(), b.dtype()), shape));
    }

    private static String mismatch(String sa, String sb, int ka, int kb, int ndimA) {
        return "dot: shapes " + sa + " and " + sb + " are not aligned: the last axis of the first operand has length "
                + ka + " but the first axis of the second has length " + kb
                + (ndimA == 2 ? " (for x·W, W needs as many rows as x has columns)" : "");
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        NDArray a = inputs[0];
        NDArray b = inputs[1];
        int ka = a.dim(a.ndim() - 1);
        int kb = b.dim(0);
        if (ka != kb) {
            throw new ShapeException(mismatch(java.util.Arrays.toString(a.shape()), java.util.Arrays.toString(b.shape()),
                    ka, kb, a.ndim()));
        }
        if (a.ndim() == 1 && b.ndim() == 1) {
            return new int[][] {{}};
        } else if (a.ndim() == 2 && b.ndim() == 1) {
            return new int[][] {{a.dim(0)}};
        } else if (a.ndim() == 1) {
            return new int[][] {{b.dim(1)}};
        }
        return new int[][] {{a.dim(0), b.dim(1)}};
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        NDArray a = inputs[0];
        NDArray b = inputs[1];
        int m = a.ndim() == 2 ? a.dim(0) : 1;
        int k = a.dim(a.ndim() - 1);
        int n = b.ndim() == 2 ? b.dim(1) : 1;
        MatMul.multiply(a, b, outputs[0], m, k, n);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        TensorVariable a = inputs.get(0);
        TensorVariable b = inputs.get(1);
        TensorVariable g = outputGrads.get(0);
        TensorVariable ga;
        TensorVariable gb;
        if (a.ndim() == 1 && b.ndim() == 1) {
            ga = T.mul(g, b);
            gb = T.mul(g, a);
        } else if (a.ndim() == 2 && b.ndim() == 1) {
            ga = T.outer(g, b);
            gb = T.dot(T.transpose(a), g);
        } else if (a.ndim() == 1) {
            ga = T.dot(b, g);
            gb = T.outer(a, g);
        } else {
            ga = T.dot(g, T.transpose(b));
            gb = T.dot(T.transpose(a), g);
        }
        // an integer operand gets the float gradient it would have as a float (PyTensor's rule)
        return java.util.Arrays.asList(
                a.dtype().isFloat() ? castTo(withStaticOnes(ga, a), a.dtype()) : withStaticOnes(ga, a),
                b.dtype().isFloat() ? castTo(withStaticOnes(gb, b), b.dtype()) : withStaticOnes(gb, b));
    }

    /**
     * The gradient with the static length-1 axes of its operand: a product can only see the length of
     * the contracted axis through the other operand, so {@code dot(g, b.T)} may not know that
     * {@code a} has one column. Summing over an axis that has length 1 at run time keeps the values
     * and gives the axis its static 1 (Theano's {@code patternbroadcast}).
     */
    private static TensorVariable withStaticOnes(TensorVariable grad, TensorVariable like) {
        List<Integer> axes = new java.util.ArrayList<>();
        for (int d = 0; d < like.ndim(); d++) {
            if (like.type().dim(d) == 1 && grad.type().dim(d) != 1) {
                axes.add(d);
            }
        }
        return axes.isEmpty() ? grad : T.sum(grad, axes.stream().mapToInt(Integer::intValue).toArray(), true);
    }

    private static TensorVariable castTo(TensorVariable v, DType d) {
        return v.dtype() == d ? v : T.cast(v, d);
    }
}
