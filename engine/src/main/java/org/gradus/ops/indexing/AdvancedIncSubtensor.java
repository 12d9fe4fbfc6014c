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
 * A copy of {@code x} whose region {@code x[i0, ..., ik-1]} (see {@link AdvancedSubtensor}) is set to
 * or incremented by {@code value}, which broadcasts to the region's shape. Inputs are {@code x},
 * {@code value}, then the index vectors. Incrementing accumulates repeated indices, like
 * {@code numpy.add.at}; setting with repeated indices keeps the last write.
 *
 * <p>Gradients: {@code dx = g}, with the region zeroed when setting; {@code dvalue = g[i0, ...]}
 * summed over the axes along which {@code value} was broadcast. When setting with repeated indices,
 * every repeat receives the gradient, although only the last write survives; keep set indices
 * unique when differentiating with respect to {@code value}.
 */
public record AdvancedIncSubtensor(boolean set) implements Op {

    @Override
    public String name() {
        return set ? "AdvancedSetSubtensor" : "AdvancedIncSubtensor";
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        TensorVariable x = inputs.get(0);
        TensorType region = AdvancedRegion.regionType(name(), x, inputs.subList(2, inputs.size()));
        Regions.checkValueFits(name(), region, inputs.get(1));
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
        if (AdvancedRegion.scatterWhole(name(), x, value, inputs, 2, out, !set)) {
            return;
        }
        AdvancedRegion region = AdvancedRegion.resolve(name(), x.shape(), inputs, 2);
        int[] from = Regions.broadcastOffsets(name(), value.shape(), region.shape);
        out.copyFrom(x);
        Regions.scatter(value, from, out, region.offsets, !set);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        TensorVariable x = inputs.get(0);
        TensorVariable value = inputs.get(1);
        TensorVariable g = outputGrads.get(0);
        List<TensorVariable> indices = inputs.subList(2, inputs.size());
        List<TensorVariable> result = new ArrayList<>(Arrays.asList(new TensorVariable[inputs.size()]));
        if (x.dtype().isFloat()) {
            TensorVariable gx = g;
            if (set) {
                List<TensorVariable> in = new ArrayList<>(List.of(g, T.constant(0, g.dtype())));
                in.addAll(indices);
                gx = new AdvancedIncSubtensor(true).apply(in.toArray(new TensorVariable[0]));
            }
            result.set(0, gx);
        }
        if (value.dtype().isFloat()) {
            List<TensorVariable> in = new ArrayList<>(List.of(g));
            in.addAll(indices);
            TensorVariable region = new AdvancedSubtensor().apply(in.toArray(new TensorVariable[0]));
            result.set(1, Regions.sumToShapeOf(region, value));
        }
        return result;
    }
}
