package org.gradus.ops.reduce;

import java.util.List;
import org.gradus.ShapeException;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/**
 * The index of the largest ({@code max = true}) or smallest element over some axes, counted in
 * row-major order over those axes; the first one wins ties and NaN counts as the extreme, as in
 * NumPy. The result is int64 and has no gradient.
 */
public record Argmax(List<Integer> axes, boolean max) implements Op {

    public Argmax {
        axes = List.copyOf(axes);
    }

    @Override
    public String name() {
        return (max ? "argmax" : "argmin") + axes.toString().replace(" ", "");
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        TensorType in = inputs.get(0).type();
        Reduce shapeRule = new Reduce(ReduceKind.MAX, axes);
        int[] shape = shapeRule.outputTypes(inputs).get(0).shape();
        return List.of(TensorType.of(DType.INT64, shape));
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        int[] shape = inputs[0].shape();
        for (int a : axes) {
            if (shape[a] == 0) {
                throw new ShapeException(name() + ": axis " + a + " has length 0");
            }
        }
        return new Reduce(ReduceKind.MAX, axes).outputShapes(inputs);
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        NDArray x = inputs[0];
        if (axes.size() == 1 && axes.get(0) == x.ndim() - 1 && x.size() > 0 && x.dtype().isFloat()
                && outputs[0].dtype() == DType.INT64) {
            lastAxis(x, outputs[0].int64Data());
            return;
        }
        AxisSplit split = new AxisSplit(x.shape(), axes);
        for (int o = 0; o < split.outer.length; o++) {
            int base = split.outer[o];
            int best = 0;
            double bestValue = x.get(base + split.inner[0]);
            for (int r = 1; r < split.inner.length && bestValue == bestValue; r++) {
                double v = x.get(base + split.inner[r]);
                if (v != v || (max ? v > bestValue : v < bestValue)) {
                    best = r;
                    bestValue = v;
                }
            }
            outputs[0].setLong(o, best);
        }
    }

    /** Along the last axis of a float32 or float64 array (the rows of a score matrix): typed row loops. */
    private void lastAxis(NDArray x, long[] out) {
        int k = x.dim(x.ndim() - 1);
        for (int o = 0; o < out.length; o++) {
            int base = o * k;
            int best = 0;
            if (x.dtype() == DType.FLOAT32) {
                float[] d = x.float32Data();
                float bestValue = d[base];
                for (int r = 1; r < k && bestValue == bestValue; r++) {
                    float v = d[base + r];
                    if (v != v || (max ? v > bestValue : v < bestValue)) {
                        best = r;
                        bestValue = v;
                    }
                }
            } else if (x.dtype() == DType.FLOAT64) {
                double[] d = x.float64Data();
                double bestValue = d[base];
                for (int r = 1; r < k && bestValue == bestValue; r++) {
                    double v = d[base + r];
                    if (v != v || (max ? v > bestValue : v < bestValue)) {
                        best = r;
                        bestValue = v;
                    }
                }
            } else {
                double bestValue = x.get(base);
                for (int r = 1; r < k && bestValue == bestValue; r++) {
                    double v = x.get(base + r);
                    if (v != v || (max ? v > bestValue : v < bestValue)) {
                        best = r;
                        bestValue = v;
                    }
                }
            }
            out[o] = best;
        }
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        return java.util.Collections.singletonList(null);
    }
}
