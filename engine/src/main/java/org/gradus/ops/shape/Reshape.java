package org.gradus.ops.shape;

import java.util.Arrays;
import java.util.List;
import org.gradus.ShapeException;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/**
 * Gives the elements of {@code x} (in row-major order) a new shape of {@code ndim} axes, read from
 * an int vector at run time; one entry may be -1 and is then inferred from the size.
 */
public record Reshape(int ndim) implements Op {
    @Override
    public String name() {
        return "reshape{" + ndim + "}";
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        TensorVariable x = inputs.get(0);
        TensorVariable shape = inputs.get(1);
        ShapeVectors.check(name(), shape);
        if (shape.type().dim(0) != TensorType.UNKNOWN && shape.type().dim(0) != ndim) {
            throw new ShapeException(name() + ": the shape vector has length " + shape.type().dim(0)
                    + " but the result should have " + ndim + " axes");
        }
        int[] out = ShapeVectors.staticShape(shape, ndim);
        if (shape instanceof TensorConstant && x.type().isFullyKnown()) {
            int[] target = ShapeVectors.toShape(((TensorConstant) shape).valueView());
            out = resolve(x.type().shape(), target, x);
        }
        return List.of(TensorType.of(x.dtype(), out));
    }

    private int[] resolve(int[] from, int[] target, Object what) {
        long size = 1;
        for (int d : from) {
            size *= d;
        }
        int unknownAt = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == -1) {
                if (unknownAt >= 0) {
                    throw new ShapeException(name() + ": only one dimension can be -1, got " + Arrays.toString(target));
                }
                unknownAt = i;
            } else if (target[i] < 0) {
                throw new ShapeException(name() + ": negative dimension in " + Arrays.toString(target));
            } else {
                known *= target[i];
            }
        }
        int[] out = target.clone();
        if (unknownAt >= 0) {
            if (known == 0 || size % known != 0) {
                throw new ShapeException(name() + ": cannot reshape an array of shape " + Arrays.toString(from)
                        + " into " + Arrays.toString(target));
            }
            out[unknownAt] = (int) (size / known);
        } else if (known != size) {
            throw new ShapeException(name() + ": cannot reshape an array of shape " + Arrays.toString(from)
                    + " (" + size + " elements) into " + Arrays.toString(target) + " (" + known + " elements)");
        }
        return out;
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        return new int[][] {resolve(inputs[0].shape(), ShapeVectors.toShape(inputs[1]), inputs[0])};
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        outputs[0].copyFrom(inputs[0]);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        TensorVariable x = inputs.get(0);
        return java.util.Arrays.asList(T.reshape(outputGrads.get(0), T.shape(x)), null);
    }
}
