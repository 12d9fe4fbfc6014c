package org.gradus.grad;

import java.util.List;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/**
 * The identity in the forward pass that stops gradients: {@code zeroGrad} ({@code disconnected =
 * false}) passes back zeros, {@code disconnectedGrad} ({@code disconnected = true}) passes back
 * nothing, so that {@code grad} treats the input as not influencing the cost.
 */
public record GradientBlock(boolean disconnected) implements Op {
    @Override
    public String name() {
        return disconnected ? "disconnectedGrad" : "zeroGrad";
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        return List.of(inputs.get(0).type());
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        return new int[][] {inputs[0].shape()};
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        outputs[0].copyFrom(inputs[0]);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        return java.util.Collections.singletonList(disconnected ? null : T.zerosLike(inputs.get(0)));
    }
}
