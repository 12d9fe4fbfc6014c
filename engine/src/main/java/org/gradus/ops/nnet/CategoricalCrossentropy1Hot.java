package org.gradus.ops.nnet;

import java.util.Arrays;
import java.util.List;
import org.gradus.DTypeException;
import org.gradus.GradusException;
import org.gradus.ShapeException;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/**
 * The cross-entropy of each row of class probabilities {@code p} (an n×k float matrix) with an
 * integer label vector {@code y} of length n: {@code out[i] = -log(p[i, y_i])}. Labels must lie in
 * {@code [0, k)}. The result is a vector of p's dtype.
 *
 * <p>Gradient with respect to p: {@code -g_i / p[i, y_i]} at the label positions and 0 elsewhere,
 * written as {@code -(g[:, None] * onehot) / where(onehot, p, 1)} with {@link OneHot}, so that it is
 * differentiable again and never divides by a zero probability outside the labels. Labels get none.
 */
public record CategoricalCrossentropy1Hot() implements Op {

    @Override
    public String name() {
        return "categoricalCrossentropy1Hot";
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        TensorVariable p = inputs.get(0);
        checkProbabilitiesAndLabels(name(), p, inputs.get(1));
        return List.of(TensorType.of(p.dtype(), p.type().dim(0)));
    }

    /** Checks an n×k float matrix and an integer vector of length n, statically. */
    static void checkProbabilitiesAndLabels(String op, TensorVariable p, TensorVariable labels) {
        if (p.ndim() != 2 || !p.dtype().isFloat()) {
            throw new DTypeException(op + ": the probabilities must be a float matrix (one row per example), got "
                    + p.describe());
        }
        if (labels.ndim() != 1 || !labels.dtype().isInteger()) {
            throw new DTypeException(op + ": the labels must be an integer vector, got " + labels.describe());
        }
        int n = p.type().dim(0);
        int m = labels.type().dim(0);
        if (n != TensorType.UNKNOWN && m != TensorType.UNKNOWN && n != m) {
            throw new ShapeException(op + ": " + n + " rows of probabilities but " + m + " labels ("
                    + p.describe() + ", " + labels.describe() + ")");
        }
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        checkRows(name(), inputs[0], inputs[1]);
        return new int[][] {{inputs[0].dim(0)}};
    }

    /** Checks at run time that there is one label per row. */
    static void checkRows(String op, NDArray p, NDArray labels) {
        if (p.dim(0) != labels.dim(0)) {
            throw new ShapeException(op + ": probabilities of shape " + Arrays.toString(p.shape()) + " need one label per row, got "
                    + labels.dim(0) + " labels");
        }
    }

    /** The label of row {@code row}, checked to be a valid class index in {@code [0, k)}. */
    static int label(String op, NDArray labels, int row, int k) {
        long y = labels.getLong(row);
        if (y < 0 || y >= k) {
            throw new GradusException(op + ": label " + y + " in row " + row + " is out of range [0, " + k
                    + ") for " + k + " classes");
        }
        return (int) y;
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        NDArray p = inputs[0];
        NDArray labels = inputs[1];
        int k = p.dim(1);
        for (int i = 0; i < p.dim(0); i++) {
            int y = label(name(), labels, i, k);
            outputs[0].set(i, -Math.log(p.get(i * k + y)));
        }
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        TensorVariable p = inputs.get(0);
        TensorVariable labels = inputs.get(1);
        TensorVariable g = outputGrads.get(0);
        TensorVariable onehot = new OneHot().apply(labels, p);
        // the where keeps non-label entries at 0 / 1 instead of 0 / p, which is NaN when p underflows to 0
        TensorVariable gp = T.div(T.mul(T.neg(T.dimshuffle(g, 0, -1)), onehot), T.where(onehot, p, 1));
        return Arrays.asList(T.cast(gp, p.dtype()), null);
    }
}
