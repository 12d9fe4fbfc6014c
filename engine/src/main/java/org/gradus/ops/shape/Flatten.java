package org.gradus.ops.shape;

import java.util.Arrays;
import java.util.List;
import org.gradus.ShapeException;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/**
 * Keeps the first {@code ndim - 1} axes of {@code x} and joins the remaining ones into the last
 * axis, in row-major order: a {@code (2, 3, 4)} tensor flattened to {@code ndim = 2} becomes
 * {@code (2, 12)}, to {@code ndim = 1} a vector of 24. Requires {@code 1 <= ndim <= max(1, x.ndim)}.
 */
public record Flatten(int ndim) implements Op {

    public Flatten {
        if (ndim < 1) {
            throw new ShapeException("flatten: ndim must be at least 1, got " + ndim);
        }
    }

    @Override
    public String name() {
        return "flatten{" + ndim + "}";
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        TensorVariable x = inputs.get(0);
        if (ndim > Math.max(1, x.ndim())) {
            throw new ShapeException(name() + ": cannot flatten " + x.describe() + " to " + ndim
                    + " axes, it has only " + x.ndim());
        }
        int[] in = x.type().shape();
        int[] out = Arrays.copyOf(in, ndim);
        long joined = 1;
        for (int a = ndim - 1; a < in.length; a++) {
            // one unknown length makes the joined length unknown
            joined = in[a] == TensorType.UNKNOWN || joined == TensorType.UNKNOWN ? TensorType.UNKNOWN : joined * in[a];
        }
        out[ndim - 1] = (int) joined;
        return List.of(TensorType.of(x.dtype(), out));
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        int[] in = inputs[0].shape();
        int[] out = Arrays.copyOf(in, ndim);
        int joined = 1;
        for (int a = ndim - 1; a < in.length; a++) {
            joined *= in[a];
        }
        out[ndim - 1] = joined;
        return new int[][] {out};
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        outputs[0].copyFrom(inputs[0]);
    }

    /** The gradient is the output gradient reshaped back to the run-time shape of {@code x}. */
    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        TensorVariable x = inputs.get(0);
        return List.of(T.reshape(outputGrads.get(0), T.shape(x)));
    }
}
