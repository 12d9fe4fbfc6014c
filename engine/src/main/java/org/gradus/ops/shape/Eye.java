package org.gradus.ops.shape;

import java.util.List;
import org.gradus.DTypeException;
import org.gradus.ShapeException;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/**
 * The {@code n × n} identity matrix of {@code dtype}, for an int scalar {@code n >= 0}: ones on the
 * diagonal, zeros elsewhere. The size is known statically when {@code n} is a constant. It has no
 * gradient.
 */
public record Eye(DType dtype) implements Op {

    public Eye {
        if (dtype == null) {
            throw new IllegalArgumentException("eye: dtype must not be null");
        }
    }

    @Override
    public String name() {
        return "eye{" + dtype + "}";
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        TensorVariable n = inputs.get(0);
        if (n.ndim() != 0) {
            throw new ShapeException(name() + ": n must be a scalar, got " + n.describe());
        }
        if (!n.dtype().isInteger()) {
            throw new DTypeException(name() + ": n must be an integer, got " + n.describe());
        }
        int size = TensorType.UNKNOWN;
        if (n instanceof TensorConstant) {
            size = checkedSize(((TensorConstant) n).valueView().getLong(0));
        }
        return List.of(TensorType.of(dtype, size, size));
    }

    private int checkedSize(long n) {
        if (n < 0 || n > 46340) {
            // 46340² is the largest square that fits in an int
            throw new ShapeException(name() + ": n must be between 0 and 46340, got " + n);
        }
        return (int) n;
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        int n = checkedSize(inputs[0].getLong(0));
        return new int[][] {{n, n}};
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        NDArray out = outputs[0];
        int n = out.dim(0);
        for (int i = 0; i < out.size(); i++) {
            out.set(i, i / n == i % n ? 1 : 0);
        }
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        return java.util.Collections.singletonList(null);
    }
}
