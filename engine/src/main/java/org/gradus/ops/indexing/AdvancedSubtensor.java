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
 * Advanced integer indexing {@code x[i0, ..., ik-1]} on the first {@code k} axes (Theano's
 * {@code AdvancedSubtensor1} when {@code k = 1}): inputs are {@code x} then {@code k} int vectors or
 * scalars, broadcast together to length {@code L}; the result has shape {@code (L,) + x.shape[k:]}
 * and {@code out[n, ...] = x[i0[n], ..., ik-1[n], ...]}. With {@code p} of shape {@code (n, c)},
 * {@code p[arange(n), y]} picks one entry per row, as in the negative log-likelihood.
 *
 * <p>Gradient: {@code dx = AdvancedIncSubtensor(zeros_like(x), g)}, which accumulates repeated
 * indices like {@code numpy.add.at}; the indices get none.
 */
public record AdvancedSubtensor() implements Op {

    @Override
    public String name() {
        return "AdvancedSubtensor";
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        return List.of(AdvancedRegion.regionType(name(), inputs.get(0), inputs.subList(1, inputs.size())));
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        return new int[][] {AdvancedRegion.resolve(name(), inputs[0].shape(), inputs, 1).shape};
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        NDArray x = inputs[0];
        Regions.gather(x, AdvancedRegion.resolve(name(), x.shape(), inputs, 1).offsets, outputs[0]);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        TensorVariable x = inputs.get(0);
        List<TensorVariable> result = new ArrayList<>(Arrays.asList(new TensorVariable[inputs.size()]));
        if (x.dtype().isFloat()) {
            List<TensorVariable> in = new ArrayList<>(inputs);
            in.set(0, T.zerosLike(x));
            in.add(1, outputGrads.get(0));
            result.set(0, new AdvancedIncSubtensor(false).apply(in.toArray(new TensorVariable[0])));
        }
        return result;
    }
}
