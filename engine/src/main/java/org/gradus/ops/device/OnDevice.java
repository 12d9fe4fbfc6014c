package org.gradus.ops.device;

import java.util.List;
import org.gradus.backend.NodePlacement;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/**
 * A node of {@code op} that runs on the device, reading and writing where {@code placement} says.
 * Types, shapes, the CPU kernel and the gradient are those of {@code op}.
 */
public record OnDevice(Op op, NodePlacement placement) implements Op {
    @Override
    public String name() {
        return "device:" + op.name();
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        return op.outputTypes(inputs);
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        return op.outputShapes(inputs);
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        op.perform(inputs, outputs);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        return op.grad(inputs, outputs, outputGrads);
    }
}
