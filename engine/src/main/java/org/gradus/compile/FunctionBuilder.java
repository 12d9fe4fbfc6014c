package org.gradus.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.TensorVariable;

/**
 * Collects what {@code Gradus.function} needs: inputs, outputs, updates, givens and a mode.
 *
 * <pre>{@code
 * Function train = Gradus.functionBuilder(List.of(index))
 *         .outputs(cost)
 *         .updates(Map.of(w, w.sub(g.mul(lr))))
 *         .givens(Map.of(x, data.get(T.slice(index.mul(20), index.add(1).mul(20)))))
 *         .build();
 * }</pre>
 */
public final class FunctionBuilder {
    private final List<TensorVariable> inputs;
    private final List<TensorVariable> outputs = new ArrayList<>();
    private final Map<SharedVariable, Object> updates = new LinkedHashMap<>();
    private final Map<TensorVariable, Object> givens = new LinkedHashMap<>();
    private Mode mode = Mode.FAST_RUN;
    private final Set<String> including = new LinkedHashSet<>();
    private final Set<String> excluding = new LinkedHashSet<>();
    private String device;
    private boolean profile;

    public FunctionBuilder(List<? extends TensorVariable> inputs) {
        this.inputs = new ArrayList<>(inputs);
    }

    public FunctionBuilder outputs(TensorVariable... outs) {
        outputs.addAll(List.of(outs));
        return this;
    }

    public FunctionBuilder outputs(List<? extends TensorVariable> outs) {
        outputs.addAll(outs);
        return this;
    }

    /** Adds updates: each shared variable receives the value of its expression after every call. */
    public FunctionBuilder updates(Map<? extends SharedVariable, ?> newUpdates) {
        updates.putAll(newUpdates);
        return this;
    }

    /** Adds one update. */
    public FunctionBuilder update(SharedVariable variable, Object expression) {
        updates.put(variable, expression);
        return this;
    }

    /** Replaces variables of the graph by other expressions (Theano's {@code givens}). */
    public FunctionBuilder givens(Map<? extends TensorVariable, ?> replacements) {
        givens.putAll(replacements);
        return this;
    }

    public FunctionBuilder mode(Mode newMode) {
        this.mode = newMode;
        return this;
    }

    /**
     * Also runs these rewrites (rule names such as {@code "LogOfSigmoidToSoftplus"}, or phase names
     * such as {@code "stabilize"}), even when the mode does not.
     */
    public FunctionBuilder including(String... names) {
        including.addAll(List.of(names));
        return this;
    }

    /**
     * Never runs these rewrites (rule or phase names, as Theano's {@code optimizer_excluding}):
     * {@code .excluding("fuse")} keeps every elementwise op a node of its own.
     */
    public FunctionBuilder excluding(String... names) {
        excluding.addAll(List.of(names));
        return this;
    }

    /**
     * Runs this function on {@code name} ({@code "cpu"}, {@code "cuda"}) instead of {@code Config.device()};
     * an unavailable device falls back to the CPU with one warning, or fails in strict mode.
     */
    public FunctionBuilder device(String name) {
        this.device = name;
        return this;
    }

    /**
     * Records the time of every node on every call (Theano's {@code profile=True}); read it with
     * {@link Function#profile()}. Costs two clock reads per node per call.
     */
    public FunctionBuilder profile() {
        this.profile = true;
        return this;
    }

    public Function build() {
        Function f = new Function(inputs, outputs, updates, givens, mode, including, excluding, device);
        if (profile) {
            f.startProfiling();
        }
        return f;
    }
}
