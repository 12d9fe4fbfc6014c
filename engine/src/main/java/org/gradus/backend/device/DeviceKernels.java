package org.gradus.backend.device;

import org.gradus.graph.Apply;
import org.gradus.ops.device.OnDevice;
import org.gradus.tensor.NDArray;

/**
 * What a device backend must provide for {@link DeviceRunner}: copies between host and device,
 * freeing device arrays, and running one node.
 *
 * @param <A> the backend's device array type
 */
public interface DeviceKernels<A> {

    /** Copies a host array to a new device array. */
    A upload(NDArray host);

    /** Copies a device array to a new host array. */
    NDArray download(A device);

    /** A new device array with the same contents. */
    A copy(A device);

    /** Gives the array's memory back; it must not be used afterwards. */
    void release(A device);

    /**
     * Runs {@code op.op()} for {@code node} (whose op is {@code op}) on the device. {@code args[i]} is a
     * device array of type {@code A} where {@code op.placement()} reads input {@code i} on the device,
     * else a host {@link NDArray}; the result holds the outputs the same way. Outputs are new arrays
     * owned by the caller.
     */
    Object[] run(OnDevice op, Apply node, Object[] args);

    /** The number of kernels launched so far. */
    long launches();
}
