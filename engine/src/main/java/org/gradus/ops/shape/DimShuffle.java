package org.gradus.ops.shape;

import java.util.ArrayList;
import java.util.List;
import org.gradus.ShapeException;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/**
 * Reorders, drops and inserts axes. {@code order} lists, for each output axis, the input axis it
 * comes from, or {@code -1} for a new broadcastable axis (Theano's {@code 'x'}). Input axes left
 * out must be broadcastable (static length 1). Transposition is the special case of a reversed order.
 */
public record DimShuffle(List<Integer> order) implements Op {

    public DimShuffle {
        order = List.copyOf(order);
    }

    @Override
    public String name() {
        if (isTranspose()) {
            return "transpose";
        }
        StringBuilder sb = new StringBuilder("dimshuffle{");
        for (int i = 0; i < order.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(order.get(i) < 0 ? "x" : order.get(i).toString());
        }
        return sb.append('}').toString();
    }

    /** Whether only broadcastable axes are inserted or dropped, so the elements keep their flat order. */
    private boolean keepsElementOrder() {
        int last = -1;
        for (int a : order) {
            if (a >= 0) {
                if (a < last) {
                    return false;
                }
                last = a;
            }
        }
        return true;
    }

    private boolean isTranspose() {
        int n = order.size();
        if (n < 2) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (order.get(i) != n - 1 - i) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        TensorVariable x = inputs.get(0);
        TensorType in = x.type();
        boolean[] used = new boolean[in.ndim()];
        int[] shape = new int[order.size()];
        for (int i = 0; i < order.size(); i++) {
            int a = order.get(i);
            if (a == -1) {
                shape[i] = 1;
                continue;
            }
            if (a < 0 || a >= in.ndim()) {
                throw new ShapeException("dimshuffle" + order + ": axis " + a + " does not exist in " + x.describe());
            }
            if (used[a]) {
                throw new ShapeException("dimshuffle" + order + ": axis " + a + " appears twice");
            }
            used[a] = true;
            shape[i] = in.dim(a);
        }
        for (int a = 0; a < in.ndim(); a++) {
            if (!used[a] && in.dim(a) != 1) {
                throw new ShapeException("dimshuffle" + order + " drops axis " + a + " of " + x.describe()
                        + ", but only broadcastable axes (static length 1) can be dropped");
            }
        }
        return List.of(TensorType.of(in.dtype(), shape));
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        NDArray x = inputs[0];
        int[] shape = new int[order.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = order.get(i) < 0 ? 1 : x.dim(order.get(i));
        }
        return new int[][] {shape};
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        NDArray x = inputs[0];
        NDArray out = outputs[0];
        if (keepsElementOrder()) {
            out.copyFrom(x);
            return;
        }
        if (x.ndim() == 2 && order.equals(List.of(1, 0)) && x.dtype().isFloat()) {
            Transpose.matrix(x, out);
            return;
        }
        int[] inStrides = x.strides();
        int ndim = order.size();
        int[] shape = out.shape();
        int[] st = new int[ndim];
        for (int i = 0; i < ndim; i++) {
            st[i] = order.get(i) < 0 ? 0 : inStrides[order.get(i)];
        }
        int n = out.size();
        int[] counter = new int[ndim];
        int off = 0;
        for (int flat = 0; flat < n; flat++) {
            out.set(flat, x.get(off));
            for (int a = ndim - 1; a >= 0; a--) {
                counter[a]++;
                off += st[a];
                if (counter[a] < shape[a]) {
                    break;
                }
                off -= st[a] * shape[a];
                counter[a] = 0;
            }
        }
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        TensorVariable x = inputs.get(0);
        TensorVariable g = outputGrads.get(0);
        // sum away the inserted axes, then invert the permutation, re-inserting dropped axes
        List<Integer> inserted = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i) < 0) {
                inserted.add(i);
            } else {
                kept.add(order.get(i));
            }
        }
        TensorVariable r = inserted.isEmpty() ? g : T.sum(g, inserted.stream().mapToInt(Integer::intValue).toArray());
        int[] inverse = new int[x.ndim()];
        for (int a = 0; a < x.ndim(); a++) {
            inverse[a] = kept.indexOf(a);
        }
        return List.of(T.dimshuffle(r, inverse));
    }
}
