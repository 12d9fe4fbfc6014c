package org.gradus.ops.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.gradus.ShapeException;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/**
 * The gradient of {@link Concatenate}: inputs are {@code (g, x0, x1, ...)}, where {@code g} has the
 * shape of {@code concatenate(x0, x1, ...)} along {@code axis}; output {@code i} is the slice of
 * {@code g} that {@code xi} filled, with {@code g}'s dtype. The {@code xi} only supply lengths.
 */
public record ConcatenateGrad(int axis) implements Op {

    @Override
    public String name() {
        return "concatenate_grad{axis=" + axis + "}";
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        TensorVariable g = inputs.get(0);
        List<TensorVariable> pieces = inputs.subList(1, inputs.size());
        TensorType joined = new Concatenate(axis).outputTypes(pieces).get(0);
        if (g.ndim() != joined.ndim()) {
            throw new ShapeException(name() + ": the gradient " + g.describe() + " does not have the rank of "
                    + joined);
        }
        List<TensorType> out = new ArrayList<>();
        for (TensorVariable x : pieces) {
            int[] s = x.type().shape();
            for (int a = 0; a < s.length; a++) {
                // the gradient may know lengths that the piece does not
                if (a != axis && s[a] == TensorType.UNKNOWN) {
                    s[a] = g.type().dim(a);
                }
            }
            out.add(TensorType.of(g.dtype(), s));
        }
        return out;
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        NDArray[] pieces = Arrays.copyOfRange(inputs, 1, inputs.length);
        int[] joined = new Concatenate(axis).outputShapes(pieces)[0];
        if (!inputs[0].hasShape(joined)) {
            throw new ShapeException(name() + ": the gradient has shape " + Arrays.toString(inputs[0].shape())
                    + " but the concatenated result has shape " + Arrays.toString(joined));
        }
        int[][] out = new int[pieces.length][];
        for (int i = 0; i < pieces.length; i++) {
            out[i] = pieces[i].shape();
        }
        return out;
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        NDArray g = inputs[0];
        int outer = Concatenate.outerSize(g.shape(), axis);
        int gRow = g.size() / Math.max(outer, 1);
        int offset = 0;
        for (NDArray piece : outputs) {
            int row = piece.size() / Math.max(outer, 1);
            for (int o = 0; o < outer; o++) {
                Concatenate.copyRange(g, o * gRow + offset, piece, o * row, row);
            }
            offset += row;
        }
    }

    /** Splitting is linear: the gradient with respect to {@code g} is the concatenation of the piece gradients. */
    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        List<TensorVariable> parts = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            TensorVariable gi = outputGrads.get(i);
            parts.add(gi == null ? T.zerosLike(outputs.get(i)) : gi);
        }
        List<TensorVariable> grads = new ArrayList<>();
        grads.add(T.cast(new Concatenate(axis).apply(parts.toArray(new TensorVariable[0])), inputs.get(0).dtype()));
        grads.addAll(Collections.nCopies(outputs.size(), null));
        return grads;
    }
}
