package org.gradus.ops.shape;

import java.util.Arrays;
import java.util.List;
import org.gradus.DTypeException;
import org.gradus.GradusException;
import org.gradus.ShapeException;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/**
 * NumPy's {@code arange} over integers: inputs are the int scalars {@code (start, stop, step)}, the
 * output is the int64 vector {@code start, start + step, ...} of the values strictly before
 * {@code stop}, of length {@code max(0, ceil((stop - start) / step))}. A zero step is an error.
 * The length is known statically when all three inputs are constants. It has no gradient.
 */
public record ARange() implements Op {
    private static final String[] ROLES = {"start", "stop", "step"};

    @Override
    public String name() {
        return "arange";
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        if (inputs.size() != 3) {
            throw new GradusException(name() + ": expected (start, stop, step), got " + inputs.size() + " inputs");
        }
        long[] values = new long[3];
        boolean allConstant = true;
        for (int i = 0; i < 3; i++) {
            TensorVariable v = inputs.get(i);
            if (v.ndim() != 0) {
                throw new ShapeException(name() + ": " + ROLES[i] + " must be a scalar, got " + v.describe());
            }
            if (!v.dtype().isInteger()) {
                throw new DTypeException(name() + ": " + ROLES[i] + " must be an integer, got " + v.describe());
            }
            if (v instanceof TensorConstant) {
                values[i] = ((TensorConstant) v).valueView().getLong(0);
            } else {
                allConstant = false;
            }
        }
        if (inputs.get(2) instanceof TensorConstant && values[2] == 0) {
            throw new GradusException(name() + ": step must not be zero");
        }
        int length = allConstant ? length(values[0], values[1], values[2]) : TensorType.UNKNOWN;
        return List.of(TensorType.of(DType.INT64, length));
    }

    /** {@code max(0, ceil((stop - start) / step))}. */
    private int length(long start, long stop, long step) {
        if (step == 0) {
            throw new GradusException(name() + ": step must not be zero");
        }
        long n = Math.max(0, -Math.floorDiv(start - stop, step));
        if (n > Integer.MAX_VALUE) {
            throw new ShapeException(name() + ": the result would have " + n + " elements, "
                    + Arrays.toString(new long[] {start, stop, step}));
        }
        return (int) n;
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        return new int[][] {{length(inputs[0].getLong(0), inputs[1].getLong(0), inputs[2].getLong(0))}};
    }

    @Override
    public boolean sameOutputShapes(NDArray[] inputs, int[][] last) {
        return last[0].length == 1
                && last[0][0] == length(inputs[0].getLong(0), inputs[1].getLong(0), inputs[2].getLong(0));
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        long start = inputs[0].getLong(0);
        long step = inputs[2].getLong(0);
        NDArray out = outputs[0];
        for (int i = 0; i < out.size(); i++) {
            out.setLong(i, start + i * step);
        }
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        return java.util.Arrays.asList(null, null, null);
    }
}
