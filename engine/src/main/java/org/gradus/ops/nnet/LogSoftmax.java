package org.gradus.ops.nnet;

import java.util.List;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/**
 * The log of the softmax of each row of a float matrix (or of a float vector), computed stably as
 * {@code x - m - log(sum_k exp(x[i, k] - m))} with {@code m} the row maximum, so very negative
 * log-probabilities stay finite where {@code log(softmax(x))} would give {@code -inf}.
 *
 * <p>Gradient: {@code gx = g - exp(out) * sum(g, axis=-1, keepdims)}, built from ordinary ops.
 */
public record LogSoftmax() implements Op {

    @Override
    public String name() {
        return "logSoftmax";
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        Softmax.checkRowsInput(name(), inputs.get(0));
        return List.of(inputs.get(0).type());
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        return new int[][] {inputs[0].shape()};
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        NDArray x = inputs[0];
        NDArray out = outputs[0];
        int cols = x.dim(x.ndim() - 1);
        int rows = x.ndim() == 2 ? x.dim(0) : 1;
        double[] row = Softmax.rowScratch(cols);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            Softmax.readRow(x, base, row);
            double max = Softmax.rowMax(row);
            double total = 0;
            for (int c = 0; c < cols; c++) {
                total += Math.exp(row[c] - max);
            }
            double shift = max + Math.log(total);
            for (int c = 0; c < cols; c++) {
                row[c] -= shift;
            }
            Softmax.writeRow(row, out, base);
        }
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        TensorVariable x = inputs.get(0);
        TensorVariable g = outputGrads.get(0);
        TensorVariable gx = T.sub(g, T.mul(T.exp(outputs.get(0)), T.sum(g, new int[] {-1}, true)));
        return List.of(T.cast(gx, x.dtype()));
    }
}
