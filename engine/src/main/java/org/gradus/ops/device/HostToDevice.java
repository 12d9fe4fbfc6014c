package org.gradus.ops.device;

import java.util.List;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/**
 * Copies a host value to the device. Of a shared variable or a constant it is a read of the value
 * the device already holds (uploaded once and kept), so it costs nothing per call.
 */
public record HostToDevice() implements Op {
    @Override
    public String name() {
        return "hostToDevice";
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
        return List.of(new DeviceToHost().apply(outputGrads.get(0)));
    }
}
