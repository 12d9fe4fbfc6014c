package org.gradus.ops.shape;

import java.util.Collections;
import java.util.List;
import org.gradus.DTypeException;
import org.gradus.ShapeException;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/**
 * Joins integer scalars into an int64 vector {@code [s0, s1, ...]}; it builds shapes such as
 * {@code (x.shape(0), 3)} from symbolic lengths. It has no gradient.
 */
public record MakeVector() implements Op {
    @Override
    public String name() {
        return "make_vector";
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        for (int i = 0; i < inputs.size(); i++) {
            TensorVariable s = inputs.get(i);
            if (s.ndim() != 0) {
                throw new ShapeException(name() + ": entry " + i + " must be a scalar, got " + s.describe());
            }
            if (!s.dtype().isInteger()) {
                throw new DTypeException(name() + ": entry " + i + " must be an integer, got " + s.describe());
            }
        }
        return List.of(TensorType.of(DType.INT64, inputs.size()));
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        return new int[][] {{inputs.length}};
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        for (int i = 0; i < inputs.length; i++) {
            outputs[0].setLong(i, inputs[i].getLong(0));
        }
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        return Collections.nCopies(inputs.size(), null);
    }
}
