package org.gradus.backend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.gradus.graph.Apply;

/**
 * Where a node placed on a device reads each input and writes each output: on the device
 * ({@code true}) or in host memory ({@code false}). Host inputs are small parameters that a kernel
 * takes by value (slice bounds, shape vectors, a random generator's state); host outputs are values
 * known without computing on the device (a shape) or kept on the host (a generator's next state).
 */
public record NodePlacement(List<Boolean> inputsOnDevice, List<Boolean> outputsOnDevice) {
    public NodePlacement {
        inputsOnDevice = List.copyOf(inputsOnDevice);
        outputsOnDevice = List.copyOf(outputsOnDevice);
    }

    /** Every input and output of the node on the device. */
    public static NodePlacement allOnDevice(Apply node) {
        return new NodePlacement(Collections.nCopies(node.inputs().size(), true),
                Collections.nCopies(node.outputs().size(), true));
    }

    /** The inputs listed in {@code hostInputs} on the host, the rest and every output on the device. */
    public static NodePlacement withHostInputs(Apply node, int... hostInputs) {
        List<Boolean> in = new ArrayList<>(Collections.nCopies(node.inputs().size(), true));
        for (int i : hostInputs) {
            in.set(i, false);
        }
        return new NodePlacement(in, Collections.nCopies(node.outputs().size(), true));
    }

    /** Whether input {@code i} is read on the device. */
    public boolean inputOnDevice(int i) {
        return inputsOnDevice.get(i);
    }

    /** Whether output {@code i} is written on the device. */
    public boolean outputOnDevice(int i) {
        return outputsOnDevice.get(i);
    }

    /** Whether any output is written on the device. */
    public boolean writesDevice() {
        return outputsOnDevice.contains(true);
    }
}
