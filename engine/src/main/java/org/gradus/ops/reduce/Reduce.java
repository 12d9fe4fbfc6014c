package org.gradus.ops.reduce;

import java.util.ArrayList;
import java.util.List;
import org.gradus.ShapeException;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/**
 * Sum, product, maximum or minimum over some axes (sorted, non-negative), which disappear from the
 * result. Sums and products of integers and bools accumulate in int64, as in NumPy; max and min
 * keep the dtype. Reducing an empty axis gives the identity, except for max and min, which fail.
 */
public record Reduce(ReduceKind kind, List<Integer> axes) implements Op {

    public Reduce {
        axes = List.copyOf(axes);
    }

    @Override
    public String name() {
        return kind.lowerName() + (axes.isEmpty() ? "" : axes.toString().replace(" ", ""));
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        TensorType in = inputs.get(0).type();
        for (int a : axes) {
            if (a < 0 || a >= in.ndim()) {
                throw new ShapeException(kind.lowerName() + ": axis " + a + " is out of range for "
                        + inputs.get(0).describe());
            }
        }
        int[] shape = new int[in.ndim() - axes.size()];
        int k = 0;
        for (int i = 0; i < in.ndim(); i++) {
            if (!axes.contains(i)) {
                shape[k++] = in.dim(i);
            }
        }
        return List.of(TensorType.of(outputDType(in.dtype()), shape));
    }

    private DType outputDType(DType in) {
        if ((kind == ReduceKind.SUM || kind == ReduceKind.PROD) && !in.isFloat()) {
            return DType.INT64;
        }
        return in;
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        int[] shape = inputs[0].shape();
        int[] out = new int[shape.length - axes.size()];
        int k = 0;
        for (int i = 0; i < shape.length; i++) {
            if (axes.contains(i)) {
                if (shape[i] == 0 && (kind == ReduceKind.MAX || kind == ReduceKind.MIN)) {
                    throw new ShapeException(kind.lowerName() + " over axis " + i + " of length 0 has no value");
                }
            } else {
                out[k++] = shape[i];
            }
        }
        return new int[][] {out};
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        NDArray x = inputs[0];
        NDArray out = outputs[0];
        if (BlockReduction.tryRun(kind, axes, x, out)) {
            return;
        }
        AxisSplit split = new AxisSplit(x.shape(), axes);
        int[] outer = split.outer;
        int[] inner = split.inner;
        if (x.dtype() == DType.FLOAT64 && kind == ReduceKind.SUM) {
            double[] data = x.float64Data();
            for (int o = 0; o < outer.length; o++) {
                double acc = 0;
                int base = outer[o];
                for (int r : inner) {
                    acc += data[base + r];
                }
                out.set(o, acc);
            }
            return;
        }
        for (int o = 0; o < outer.length; o++) {
            double acc = kind.identity();
            int base = outer[o];
            for (int r : inner) {
                acc = kind.combine(acc, x.get(base + r));
            }
            out.set(o, acc);
        }
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        TensorVariable x = inputs.get(0);
        if (!x.dtype().isFloat()) {
            return java.util.Collections.singletonList(null);
        }
        TensorVariable g = restoreAxes(outputGrads.get(0), x.ndim());
        TensorVariable result = restoreAxes(outputs.get(0), x.ndim());
        TensorVariable gx;
        switch (kind) {
            case SUM:
                gx = T.fill(x, g);
                break;
            case PROD:
                // d prod / d x_i = prod / x_i; inputs containing zeros give nan or inf here
                gx = T.div(T.mul(g, result), x);
                break;
            default:
                gx = T.mul(g, T.eq(x, result));
                break;
        }
        return List.of(gx.dtype() == x.dtype() ? gx : T.cast(gx, x.dtype()));
    }

    /** Re-inserts the reduced axes as broadcastable axes of length 1, so the result broadcasts against the input. */
    TensorVariable restoreAxes(TensorVariable reduced, int ndim) {
        List<Integer> order = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < ndim; i++) {
            order.add(axes.contains(i) ? -1 : k++);
        }
        return T.dimshuffle(reduced, order.stream().mapToInt(Integer::intValue).toArray());
    }
}
