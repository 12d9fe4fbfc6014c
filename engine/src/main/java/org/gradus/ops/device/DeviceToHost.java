package org.gradus.ops.device;

import java.util.List;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/**
 * Copies a device value back to the host: for a host node that reads it, or for an output the caller
 * asked for. An update of a shared variable that lives on the device is not copied back: the device
 * keeps the new value, and {@code SharedVariable.getValue} fetches it when asked.
 */
public record DeviceToHost() implements Op {
    @Override
    public String name() {
        return "deviceToHost";
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
        return List.of(new HostToDevice().apply(outputGrads.get(0)));
    }
}
