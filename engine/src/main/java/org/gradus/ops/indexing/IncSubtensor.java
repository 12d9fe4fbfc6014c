package org.gradus.ops.indexing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/**
 * A copy of {@code x} whose region {@code x[pattern]} is set to ({@code set}) or incremented by
 * {@code value}, which broadcasts to the region's shape (Theano's {@code set_subtensor} and
 * {@code inc_subtensor}). Inputs are {@code x}, {@code value}, then the symbolic bounds of
 * {@code pattern} as in {@link Subtensor}. The result has the dtype and shape of {@code x}.
 *
 * <p>Gradients: {@code dx = g}, with the region zeroed when setting; {@code dvalue = g[pattern]}
 * summed over the axes along which {@code value} was broadcast. As in Theano, those are the value's
 * missing leading axes and its axes of static length 1; a value axis of unknown static length is
 * stretched at run time if it has length 1, but is then not differentiable (give it a static length 1).
 */
public record IncSubtensor(boolean set, List<AxisIndex> pattern) implements Op {

    public IncSubtensor {
        pattern = List.copyOf(pattern);
    }

    @Override
    public String name() {
        return (set ? "SetSubtensor" : "IncSubtensor") + Subtensor.patternString(pattern);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        TensorVariable x = inputs.get(0);
        Subtensor.checkExtras(name(), pattern, inputs, 2);
        Regions.checkValueFits(name(), Subtensor.regionType(name(), pattern, x), inputs.get(1));
        return List.of(x.type());
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        return new int[][] {inputs[0].shape()};
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        NDArray x = inputs[0];
        NDArray value = inputs[1];
        NDArray out = outputs[0];
        BasicRegion region = BasicRegion.resolve(this, pattern, x.shape(), inputs, 2);
        int[] from = Regions.broadcastOffsets(name(), value.shape(), region.shape);
        out.copyFrom(x);
        Regions.scatter(value, from, out, region.offsets(), !set);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        TensorVariable x = inputs.get(0);
        TensorVariable value = inputs.get(1);
        TensorVariable g = outputGrads.get(0);
        List<TensorVariable> extras = inputs.subList(2, inputs.size());
        List<TensorVariable> result = new ArrayList<>(Arrays.asList(new TensorVariable[inputs.size()]));
        if (x.dtype().isFloat()) {
            TensorVariable gx = g;
            if (set) {
                List<TensorVariable> in = new ArrayList<>(List.of(g, T.constant(0, g.dtype())));
                in.addAll(extras);
                gx = new IncSubtensor(true, pattern).apply(in.toArray(new TensorVariable[0]));
            }
            result.set(0, gx);
        }
        if (value.dtype().isFloat()) {
            List<TensorVariable> in = new ArrayList<>(List.of(g));
            in.addAll(extras);
            TensorVariable region = new Subtensor(pattern).apply(in.toArray(new TensorVariable[0]));
            result.set(1, Regions.sumToShapeOf(region, value));
        }
        return result;
    }
}
