package org.gradus.ops.shape;

import java.util.List;
import org.gradus.ShapeException;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/**
 * A tensor of {@code ndim} axes filled with one scalar value; the shape is an int vector read at run
 * time (this is how {@code T.zeros(x.shape())} works for any batch size).
 */
public record Alloc(int ndim) implements Op {
    @Override
    public String name() {
        return "alloc";
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        TensorVariable value = inputs.get(0);
        if (value.ndim() != 0) {
            throw new ShapeException("alloc: the fill value must be a scalar, got " + value.describe());
        }
        ShapeVectors.check(name(), inputs.get(1));
        return List.of(TensorType.of(value.dtype(), ShapeVectors.staticShape(inputs.get(1), ndim)));
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        int[] shape = ShapeVectors.toShape(inputs[1]);
        if (shape.length != ndim) {
            throw new ShapeException("alloc: expected a shape of " + ndim + " axes, got " + shape.length);
        }
        for (int d : shape) {
            if (d < 0) {
                throw new ShapeException("alloc: negative dimension in shape " + java.util.Arrays.toString(shape));
            }
        }
        return new int[][] {shape};
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        double v = inputs[0].get(0);
        NDArray out = outputs[0];
        for (int i = 0; i < out.size(); i++) {
            out.set(i, v);
        }
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        TensorVariable value = inputs.get(0);
        TensorVariable g = value.dtype().isFloat() ? T.cast(T.sum(outputGrads.get(0)), value.dtype()) : null;
        return java.util.Arrays.asList(g, null);
    }
}
