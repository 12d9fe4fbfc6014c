package org.gradus.backend;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gradus.graph.Apply;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.TensorVariable;

/**
 * A backend with its own memory, such as a GPU. The optimizer's placement phase asks it where each
 * node runs ({@link #placement}); the compiled function then runs the placed graph through the
 * program it returns ({@link #compile}), which keeps shared variables on the device between calls.
 */
public interface DeviceBackend extends Backend {

    /** Where the node runs on this device, or empty when it stays on the host. */
    Optional<NodePlacement> placement(Apply node);

    @Override
    default boolean supports(Apply node) {
        return placement(node).isPresent();
    }

    /**
     * The program that runs a placed graph: {@code nodes} in execution order, the function's
     * {@code inputs} and {@code outputs}, and the {@code updates} of shared variables.
     */
    DeviceProgram compile(List<TensorVariable> inputs, List<Apply> nodes, List<TensorVariable> outputs,
                          Map<SharedVariable, TensorVariable> updates);
}
