package org.gradus.compile;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.TensorVariable;

/**
 * What a {@link Function} was built from, before any rewrite: its inputs, outputs, explicit
 * updates, givens, mode and rule selections. Building a function again from its spec gives the same
 * computation; the grader does that with graphs a lab returns, and a graph writer sends it as data.
 *
 * @param updates  the updates the user asked for (default updates of random streams are added again
 *                 by {@link #rebuild()})
 * @param givens   the replacements, checked: each replacement has its variable's dtype and rank
 * @param device   the device the user named, or {@code null} for the configured one
 */
public record FunctionSpec(List<TensorVariable> inputs, List<TensorVariable> outputs,
                           Map<SharedVariable, TensorVariable> updates, Map<TensorVariable, TensorVariable> givens,
                           Mode mode, Set<String> including, Set<String> excluding, String device) {

    public FunctionSpec {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        updates = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(updates));
        givens = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(givens));
        mode = mode == null ? Mode.FAST_RUN : mode;
        including = Set.copyOf(including);
        excluding = Set.copyOf(excluding);
    }

    /** Compiles the spec into a new function. */
    public Function rebuild() {
        FunctionBuilder builder = new FunctionBuilder(inputs).outputs(outputs).updates(updates).givens(givens)
                .mode(mode).including(including.toArray(String[]::new)).excluding(excluding.toArray(String[]::new));
        if (device != null) {
            builder.device(device);
        }
        return builder.build();
    }
}
