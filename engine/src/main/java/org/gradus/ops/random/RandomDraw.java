package org.gradus.ops.random;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gradus.GradusException;
import org.gradus.ShapeException;
import org.gradus.compile.NoFolding;
import org.gradus.grad.Gradients;
import org.gradus.ops.Op;
import org.gradus.ops.shape.ShapeVectors;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/**
 * One draw from a {@link Distribution}: inputs {@code (state, shape, params...)}, outputs
 * {@code (newState, sample)}.
 *
 * <p>{@code state} is an int64 vector {@code [key, counter]}. The sample of {@code ndim} axes and
 * dtype {@code dtype}, with the run-time {@code shape}, is read from {@code Philox.WordStream(key,
 * counter)} by the distribution's rule; each parameter is a tensor of rank at most {@code ndim}
 * broadcast against the shape (NumPy rules, aligned on the last axis). {@code newState} is
 * {@code [key, counter + B]} where {@code B = ceil(W / 4)} blocks hold the {@code W} words read
 * ({@code W = 0} for an empty sample).
 *
 * <p>The state and shape have no gradient; the gradient with respect to a parameter is undefined.
 * Nodes are never folded or merged, so each node is one independent draw per call.
 */
@NoFolding
public record RandomDraw(Distribution distribution, int ndim, DType dtype) implements Op {
    public RandomDraw {
        distribution.checkDType(dtype);
    }

    @Override
    public String name() {
        return "random_" + distribution.name();
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        List<String> names = distribution.parameterNames();
        if (inputs.size() != 2 + names.size()) {
            throw new GradusException(name() + ": expected inputs (state, shape, " + String.join(", ", names)
                    + "), got " + inputs.size() + " inputs");
        }
        TensorVariable state = inputs.get(0);
        if (state.ndim() != 1 || state.dtype() != DType.INT64) {
            throw new GradusException(name() + ": the state must be an int64 vector [key, counter], got "
                    + state.describe());
        }
        TensorVariable shape = inputs.get(1);
        ShapeVectors.check(name(), shape);
        if (shape.type().dim(0) != ndim) {
            throw new ShapeException(name() + ": the shape vector must have static length " + ndim + ", got "
                    + shape.describe());
        }
        int[] out = ShapeVectors.staticShape(shape, ndim);
        for (int j = 0; j < names.size(); j++) {
            TensorVariable param = inputs.get(2 + j);
            checkParameter(names.get(j), param.type().shape(), out, param.describe());
        }
        return List.of(TensorType.unknownShape(DType.INT64, 1), TensorType.of(dtype, out));
    }

    /** Checks that a parameter's shape broadcasts to the sample shape; unknown lengths pass. */
    private void checkParameter(String paramName, int[] param, int[] out, String what) {
        if (param.length > out.length) {
            throw new ShapeException(name() + ": parameter '" + paramName + "' has " + param.length
                    + " axes but the sample has only " + out.length + " (" + what + ")");
        }
        int offset = out.length - param.length;
        for (int a = 0; a < param.length; a++) {
            int p = param[a];
            int o = out[offset + a];
            if (p != 1 && p != TensorType.UNKNOWN && o != TensorType.UNKNOWN && p != o) {
                throw new ShapeException(name() + ": parameter '" + paramName + "' of shape "
                        + Arrays.toString(param) + " does not broadcast to the sample shape "
                        + Arrays.toString(out) + " (" + what + ")");
            }
        }
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        if (inputs[0].size() != 2) {
            throw new GradusException(name() + ": the state must hold [key, counter], got "
                    + inputs[0].size() + " values");
        }
        int[] shape = ShapeVectors.toShape(inputs[1]);
        if (shape.length != ndim) {
            throw new ShapeException(name() + ": expected a shape of " + ndim + " axes, got " + Arrays.toString(shape));
        }
        for (int d : shape) {
            if (d < 0) {
                throw new ShapeException(name() + ": negative length in the sample shape " + Arrays.toString(shape));
            }
        }
        List<String> names = distribution.parameterNames();
        for (int j = 0; j < names.size(); j++) {
            NDArray p = inputs[2 + j];
            checkParameter(names.get(j), p.shape(), shape, "value of shape " + Arrays.toString(p.shape()));
        }
        return new int[][] {{2}, shape};
    }

    @Override
    public boolean sameOutputShapes(NDArray[] inputs, int[][] last) {
        if (inputs[0].size() != 2 || inputs[1].size() != ndim || last[1].length != ndim) {
            return false;
        }
        for (int a = 0; a < ndim; a++) {
            if (inputs[1].getLong(a) != last[1][a]) {
                return false;
            }
        }
        for (int j = 2; j < inputs.length; j++) {
            NDArray p = inputs[j];
            int offset = ndim - p.ndim();
            if (offset < 0) {
                return false;
            }
            for (int a = 0; a < p.ndim(); a++) {
                if (p.dim(a) != 1 && p.dim(a) != last[1][offset + a]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Per thread: the stream a draw reads (reset for each draw). */
    private static final ThreadLocal<Philox.WordStream> STREAM = ThreadLocal.withInitial(() -> new Philox.WordStream(0, 0));

    /** Per thread: parameter rows of one value each, for draws whose parameters are all scalars. */
    private static final ThreadLocal<double[][]> SCALAR_PARAMS = ThreadLocal.withInitial(() -> new double[0][]);

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        long key = inputs[0].getLong(0);
        long counter = inputs[0].getLong(1);
        NDArray sample = outputs[1];
        double[][] params = scalarParams(inputs);
        if (params == null) {
            params = new double[inputs.length - 2][];
            for (int j = 0; j < params.length; j++) {
                params[j] = broadcast(inputs[2 + j], sample.shape());
            }
        }
        Philox.WordStream words = STREAM.get();
        words.reset(key, counter);
        distribution.sample(words, params, sample);
        outputs[0].setLong(0, key);
        outputs[0].setLong(1, counter + words.blocksUsed());
    }

    /** This thread's parameter rows holding each (single-element) parameter's value, or {@code null} when one has more elements. */
    private static double[][] scalarParams(NDArray[] inputs) {
        int n = inputs.length - 2;
        for (int j = 0; j < n; j++) {
            if (inputs[2 + j].size() != 1) {
                return null;
            }
        }
        double[][] params = SCALAR_PARAMS.get();
        if (params.length != n) {
            params = new double[n][1];
            SCALAR_PARAMS.set(params);
        }
        for (int j = 0; j < n; j++) {
            params[j][0] = inputs[2 + j].get(0);
        }
        return params;
    }

    /** The parameter's values repeated to the sample's row-major order; one value for a single-element parameter. */
    private static double[] broadcast(NDArray param, int[] shape) {
        if (param.size() == 1) {
            return new double[] {param.get(0)};
        }
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] out = new double[n];
        int[] pShape = param.shape();
        int offset = shape.length - pShape.length;
        // stride of each sample axis in the parameter, 0 where the parameter is broadcast
        int[] strides = new int[shape.length];
        int stride = 1;
        for (int a = pShape.length - 1; a >= 0; a--) {
            strides[offset + a] = pShape[a] == 1 ? 0 : stride;
            stride *= pShape[a];
        }
        int[] index = new int[shape.length];
        int source = 0;
        for (int i = 0; i < n; i++) {
            out[i] = param.get(source);
            for (int a = shape.length - 1; a >= 0; a--) {
                index[a]++;
                source += strides[a];
                if (index[a] < shape[a]) {
                    break;
                }
                source -= strides[a] * index[a];
                index[a] = 0;
            }
        }
        return out;
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        List<TensorVariable> grads = new ArrayList<>(Arrays.asList(null, null));
        List<String> names = distribution.parameterNames();
        for (int j = 0; j < names.size(); j++) {
            grads.add(Gradients.undefined(inputs.get(2 + j), "a sample of " + name()
                    + " is not differentiable with respect to its parameter '" + names.get(j) + "'"));
        }
        return grads;
    }
}
