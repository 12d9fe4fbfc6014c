package org.gradus.ops.shape;

import java.util.List;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/** The run-time shape of a tensor, as an int64 vector; it has no gradient. */
public record Shape() implements Op {
    @Override
    public String name() {
        return "shape";
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        return List.of(TensorType.of(DType.INT64, inputs.get(0).ndim()));
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        return new int[][] {{inputs[0].ndim()}};
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        for (int i = 0; i < inputs[0].ndim(); i++) {
            outputs[0].setLong(i, inputs[0].dim(i));
        }
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        return java.util.Collections.singletonList(null);
    }
}
