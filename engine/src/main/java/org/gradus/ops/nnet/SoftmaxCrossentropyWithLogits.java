package org.gradus.ops.nnet;

import java.util.Arrays;
import java.util.List;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/**
 * The cross-entropy of {@code softmax(x)} with integer labels, computed from the logits in one op:
 * {@code out[i] = logsumexp(x[i, :]) - x[i, y_i]}, finite for any finite logits (the optimizer puts
 * it where the user wrote {@code categoricalCrossentropy(softmax(x), y)} or
 * {@code -log(softmax(x))[arange(n), y]}). Inputs: an n×k float matrix and an integer vector of
 * length n.
 *
 * <p>Gradient with respect to x: {@code (softmax(x) - onehot(y)) * g[:, None]}, the stable form;
 * labels get none.
 */
public record SoftmaxCrossentropyWithLogits() implements Op {

    @Override
    public String name() {
        return "softmaxCrossentropyWithLogits";
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        TensorVariable x = inputs.get(0);
        CategoricalCrossentropy1Hot.checkProbabilitiesAndLabels(name(), x, inputs.get(1));
        return List.of(TensorType.of(x.dtype(), x.type().dim(0)));
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        CategoricalCrossentropy1Hot.checkRows(name(), inputs[0], inputs[1]);
        return new int[][] {{inputs[0].dim(0)}};
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        NDArray x = inputs[0];
        NDArray labels = inputs[1];
        int k = x.dim(1);
        double[] row = Softmax.rowScratch(k);
        for (int i = 0; i < x.dim(0); i++) {
            int base = i * k;
            int y = CategoricalCrossentropy1Hot.label(name(), labels, i, k);
            Softmax.readRow(x, base, row);
            double max = Softmax.rowMax(row);
            double total = 0;
            for (int c = 0; c < k; c++) {
                total += Math.exp(row[c] - max);
            }
            outputs[0].set(i, max + Math.log(total) - row[y]);
        }
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        TensorVariable x = inputs.get(0);
        TensorVariable sm = new Softmax().apply(x);
        TensorVariable onehot = new OneHot().apply(inputs.get(1), sm);
        TensorVariable gx = T.mul(T.sub(sm, onehot), T.dimshuffle(outputGrads.get(0), 0, -1));
        return Arrays.asList(T.cast(gx, x.dtype()), null);
    }
}
