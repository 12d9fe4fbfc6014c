package org.gradus.ops.nnet;

import java.util.Arrays;
import java.util.List;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/**
 * The one-hot matrix of integer labels, shaped and typed like a template matrix {@code like}
 * (n×k, float): {@code out[i, j] = (j == labels[i]) ? 1 : 0}. Labels must lie in {@code [0, k)}.
 * Only the template's shape and dtype are read, so the result has no gradient with respect to
 * either input.
 */
public record OneHot() implements Op {

    @Override
    public String name() {
        return "oneHot";
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        TensorVariable like = inputs.get(1);
        CategoricalCrossentropy1Hot.checkProbabilitiesAndLabels(name(), like, inputs.get(0));
        return List.of(like.type());
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        CategoricalCrossentropy1Hot.checkRows(name(), inputs[1], inputs[0]);
        return new int[][] {inputs[1].shape()};
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        NDArray labels = inputs[0];
        NDArray out = outputs[0];
        int rows = out.dim(0);
        int k = out.dim(1);
        if (out.dtype() == DType.FLOAT32 || out.dtype() == DType.FLOAT64) {
            // every element is written: output buffers may be reused and are not guaranteed zero
            float[] f = out.dtype() == DType.FLOAT32 ? out.float32Data() : null;
            double[] d = f == null ? out.float64Data() : null;
            if (f != null) {
                java.util.Arrays.fill(f, 0, rows * k, 0f);
            } else {
                java.util.Arrays.fill(d, 0, rows * k, 0.0);
            }
            for (int i = 0; i < rows; i++) {
                int y = CategoricalCrossentropy1Hot.label(name(), labels, i, k);
                if (f != null) {
                    f[i * k + y] = 1f;
                } else {
                    d[i * k + y] = 1.0;
                }
            }
            return;
        }
        for (int i = 0; i < rows; i++) {
            int y = CategoricalCrossentropy1Hot.label(name(), labels, i, k);
            // every element is written: output buffers may be reused and are not guaranteed zero
            for (int j = 0; j < k; j++) {
                out.set(i * k + j, j == y ? 1 : 0);
            }
        }
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        return Arrays.asList(null, null);
    }
}
