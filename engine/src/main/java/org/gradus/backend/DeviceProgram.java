package org.gradus.backend;

import java.util.List;
import org.gradus.backend.device.TransferCount;
import org.gradus.tensor.NDArray;

/** A compiled function's placed graph, ready to run on a device backend. */
public interface DeviceProgram {

    /** Runs one call: returns fresh host arrays of the outputs and applies the updates. */
    List<NDArray> call(NDArray[] inputs);

    /** The transfers of the last call (the first call also uploads the shared variables it reads). */
    TransferCount lastTransfers();

    /** The kernels the last call launched on the device. */
    long lastLaunches();
}
