package org.gradus.compile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gradus.GradusException;
import org.gradus.backend.Backend;
import org.gradus.backend.Backends;
import org.gradus.backend.DeviceBackend;
import org.gradus.backend.DeviceProgram;
import org.gradus.graph.Apply;
import org.gradus.graph.Graphs;
import org.gradus.graph.Variable;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Pipeline;
import org.gradus.rewrite.RewriteDriver;
import org.gradus.rewrite.RewriteLog;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;

/**
 * A compiled symbolic function (Theano's {@code theano.function}): call it with values for its
 * inputs and it returns its outputs, then applies its updates to shared variables.
 *
 * <p>Outputs are fresh arrays owned by the caller. Updates are computed from the values before the
 * call and applied together after the outputs. Calls are serialized, so a function may be shared
 * between threads but runs one call at a time.
 */
public final class Function {
    private final List<TensorVariable> inputs;
    private final List<TensorVariable> userOutputs;
    private final List<TensorVariable> outputs;
    private final Map<SharedVariable, TensorVariable> updates;
    private final Mode mode;
    private final ExecutionPlan plan;
    private final int[] outputSlots;
    private final int[] updateSlots;
    private final SharedVariable[] updateTargets;
    private final NDArray[] argumentValues;
    private final NDArray[] updateValues;
    private final NDArray[] borrowed;
    private final List<NDArray> borrowedView;

    private final RewriteLog rewriteLog;
    private final FunctionSpec spec;
    private final Backend backend;
    private final DeviceProgram device;

    Function(List<TensorVariable> inputs, List<TensorVariable> outputs, Map<SharedVariable, Object> userUpdates,
             Map<TensorVariable, Object> givens, Mode mode) {
        this(inputs, outputs, userUpdates, givens, mode, Set.of(), Set.of(), null);
    }

    Function(List<TensorVariable> inputs, List<TensorVariable> outputs, Map<SharedVariable, Object> userUpdates,
             Map<TensorVariable, Object> givens, Mode mode, Set<String> including, Set<String> excluding,
             String device) {
        this.backend = Backends.current(device);
        this.inputs = List.copyOf(inputs);
        this.userOutputs = List.copyOf(outputs);
        this.mode = mode == null ? Mode.FAST_RUN : mode;
        checkInputs();
        Map<SharedVariable, TensorVariable> ups = FunctionArguments.checkedUpdates(userUpdates);
        Map<TensorVariable, TensorVariable> checkedGivens = FunctionArguments.checkedGivens(givens);
        this.spec = new FunctionSpec(this.inputs, userOutputs, ups, checkedGivens, this.mode, including, excluding, device);
        FunctionArguments.addDefaultUpdates(ups, outputs);

        // one list of graph outputs: the function's outputs, then the update expressions
        List<TensorVariable> all = new ArrayList<>(outputs);
        List<SharedVariable> targets = new ArrayList<>(ups.keySet());
        all.addAll(ups.values());
        all = new GraphClone(checkedGivens).apply(all);
        FunctionGraph graph = new FunctionGraph(this.inputs, all);
        this.rewriteLog = new RewriteDriver(Pipeline.select(this.mode.phases(), including, excluding, backend))
                .run(graph);
        all = graph.outputs();
        this.outputs = List.copyOf(all.subList(0, outputs.size()));
        Map<SharedVariable, TensorVariable> finalUpdates = new LinkedHashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            finalUpdates.put(targets.get(i), all.get(outputs.size() + i));
        }
        this.updates = Collections.unmodifiableMap(finalUpdates);

        List<Apply> nodes = Graphs.toposort(all, new HashSet<>(this.inputs));
        List<SharedVariable> shared = new ArrayList<>();
        List<TensorConstant> constants = new ArrayList<>();
        collectRoots(all, shared, constants);
        this.plan = new ExecutionPlan(this.inputs, nodes, shared, constants, this.outputs, this.updates);
        this.device = backend instanceof DeviceBackend d ? d.compile(this.inputs, nodes, this.outputs, updates) : null;
        this.outputSlots = this.outputs.stream().mapToInt(plan::slotOf).toArray();
        this.updateTargets = targets.toArray(new SharedVariable[0]);
        this.updateSlots = finalUpdates.values().stream().mapToInt(plan::slotOf).toArray();
        this.argumentValues = new NDArray[this.inputs.size()];
        this.updateValues = new NDArray[updateSlots.length];
        this.borrowed = new NDArray[outputSlots.length];
        this.borrowedView = Collections.unmodifiableList(java.util.Arrays.asList(borrowed));
    }

    private void checkInputs() {
        Set<TensorVariable> seen = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            TensorVariable in = inputs.get(i);
            if (in == null) {
                throw new GradusException("function: input " + i + " is null");
            }
            if (in instanceof SharedVariable) {
                throw new GradusException("function: input " + i + " is the shared variable " + in.describe()
                        + "; shared variables are read automatically and must not be listed as inputs");
            }
            if (in instanceof TensorConstant) {
                throw new GradusException("function: input " + i + " is a constant; inputs must be symbolic variables "
                        + "such as T.scalar()");
            }
            if (in.owner() != null) {
                throw new GradusException("function: input " + i + " is " + in.describe()
                        + ", the result of an operation; inputs must be variables made by T.scalar(), T.matrix(), ...");
            }
            if (!seen.add(in)) {
                throw new GradusException("function: " + in.describe() + " is listed twice among the inputs");
            }
        }
    }

    private void collectRoots(List<TensorVariable> all, List<SharedVariable> shared, List<TensorConstant> constants) {
        Set<TensorVariable> inputSet = new HashSet<>(inputs);
        for (Variable v : Graphs.ancestors(all)) {
            if (v.owner() != null || inputSet.contains(v)) {
                continue;
            }
            if (v instanceof SharedVariable) {
                shared.add((SharedVariable) v);
            } else if (v instanceof TensorConstant) {
                constants.add((TensorConstant) v);
            } else {
                throw new GradusException("function: the outputs depend on the input " + v.describe()
                        + ", which is not among the function's inputs " + inputs
                        + "; add it to the inputs or replace it with givens");
            }
        }
    }

    // ---------------------------------------------------------------- calling

    /** Calls a function of one input with one array argument (never spread into several arguments). */
    public NDArray call(Object arg) {
        return single(run(new Object[] {arg}));
    }

    /** Calls the function and returns its single output. */
    public NDArray call(Object... args) {
        return single(run(args));
    }

    public NDArray call(double[][] arg) {
        return call((Object) arg);
    }

    public NDArray call(float[][] arg) {
        return call((Object) arg);
    }

    public NDArray call(int[][] arg) {
        return call((Object) arg);
    }

    public NDArray call(long[][] arg) {
        return call((Object) arg);
    }

    public NDArray call(boolean[][] arg) {
        return call((Object) arg);
    }

    public NDArray call(double[][][] arg) {
        return call((Object) arg);
    }

    public NDArray call(float[][][] arg) {
        return call((Object) arg);
    }

    /** Calls the function and returns all outputs in order. */
    public List<NDArray> callAll(Object... args) {
        return run(args);
    }

    /** Calls a function of one input with one array argument and returns all outputs. */
    public List<NDArray> callAll(Object arg) {
        return run(new Object[] {arg});
    }

    public List<NDArray> callAll(double[][] arg) {
        return callAll((Object) arg);
    }

    public List<NDArray> callAll(float[][] arg) {
        return callAll((Object) arg);
    }

    public List<NDArray> callAll(int[][] arg) {
        return callAll((Object) arg);
    }

    private NDArray single(List<NDArray> results) {
        if (results.size() != 1) {
            throw new GradusException("call(...) returns a single output, but this function has " + results.size()
                    + " outputs; use callAll(...)");
        }
        return results.get(0);
    }

    /**
     * Calls the function and returns its outputs without copying them (Theano's {@code borrow=True}):
     * the arrays are the function's internal buffers, valid only until its next call, and must not
     * be modified. In steady state (inputs of repeating shapes) such a call allocates nothing. An
     * output that is an input or a shared variable itself is still returned as a copy.
     */
    public List<NDArray> callBorrowed(Object... args) {
        return run(args, true);
    }

    private List<NDArray> run(Object[] args) {
        return run(args, false);
    }

    private synchronized List<NDArray> run(Object[] args, boolean borrow) {
        if (args == null) {
            args = new Object[] {null};
        }
        if (args.length != inputs.size()) {
            String hint = inputs.size() == 1 && args.length > 1
                    ? " (a Java array of arrays passed as call(Object...) is spread into its rows; "
                    + "pass an NDArray or a double[][] variable)" : "";
            throw new GradusException("function takes " + inputs.size() + " argument(s) " + inputs + " but got "
                    + args.length + hint);
        }
        NDArray[] values = argumentValues;
        for (int i = 0; i < args.length; i++) {
            values[i] = InputConversion.convert(args[i], inputs.get(i), i);
        }
        if (device != null) {
            return device.call(values);
        }
        try {
            plan.run(values);
            List<NDArray> results = borrow ? borrowedView : new ArrayList<>(outputSlots.length);
            for (int o = 0; o < outputSlots.length; o++) {
                NDArray v = plan.value(outputSlots[o]);
                if (borrow) {
                    borrowed[o] = plan.isBuffer(outputSlots[o]) ? v : v.copy();
                } else {
                    results.add(v.copy());
                }
            }
            NDArray[] newValues = updateValues;
            for (int i = 0; i < updateSlots.length; i++) {
                NDArray v = plan.value(updateSlots[i]);
                newValues[i] = plan.isBuffer(updateSlots[i]) ? v : v.copy();
            }
            for (int i = 0; i < updateSlots.length; i++) {
                // an update computed straight into the variable's storage (see MemoryPlan) is already applied
                if (newValues[i] != updateTargets[i].valueView()) {
                    updateTargets[i].assignFromUpdate(newValues[i]);
                }
                newValues[i] = null;
            }
            return results;
        } finally {
            plan.releaseInputs();
            java.util.Arrays.fill(values, null);
        }
    }

    synchronized void startProfiling() {
        plan.startProfiling();
    }

    /**
     * The time spent in each node since the function was built, for a function built with
     * {@link FunctionBuilder#profile()}; print it to see where a call goes.
     */
    public synchronized FunctionProfile profile() {
        FunctionProfile p = plan.profile();
        if (p == null) {
            throw new GradusException("this function was built without profiling; build it with "
                    + "Gradus.functionBuilder(inputs)....profile().build() to record the time of each node");
        }
        if (device != null) {
            throw new GradusException("profiling times the CPU plan; this function runs on " + backend.name());
        }
        return p;
    }

    /**
     * The Java source of the loops generated for this function's fused elementwise groups, in
     * schedule order; empty when there are none or no Java compiler is present (then the groups run
     * interpreted).
     */
    public String generatedSource() {
        return plan.generatedSource();
    }

    // ---------------------------------------------------------------- introspection

    public List<TensorVariable> inputs() {
        return inputs;
    }

    /** The outputs of the compiled graph (after givens and rewrites). */
    public List<TensorVariable> outputs() {
        return outputs;
    }

    /** The outputs as the user gave them. */
    public List<TensorVariable> userOutputs() {
        return userOutputs;
    }

    /** What this function was built from, before any rewrite; {@link FunctionSpec#rebuild()} compiles it again. */
    public FunctionSpec spec() {
        return spec;
    }

    /** The updates of the compiled graph, including default updates of random streams. */
    public Map<SharedVariable, TensorVariable> updates() {
        return updates;
    }

    /** The compiled nodes in execution order. */
    public List<Apply> nodes() {
        return plan.nodes();
    }

    public Mode mode() {
        return mode;
    }

    /** The backend the function runs on ({@code Config.device()} or the builder's device, after any fallback). */
    public Backend backend() {
        return backend;
    }

    /** The placed program when the function runs on a device backend. */
    public Optional<DeviceProgram> deviceProgram() {
        return Optional.ofNullable(device);
    }

    /**
     * What the optimizer did: every rewrite that fired (phase, rule, before and after in infix form),
     * the graph before and after each phase as DOT, and a summary (node counts, fused loops).
     */
    public RewriteLog rewriteLog() {
        return rewriteLog;
    }

    @Override
    public String toString() {
        return "Function(inputs=" + inputs + ", outputs=" + outputs.size() + ", updates=" + updates.size()
                + ", nodes=" + plan.nodes().size() + ", mode=" + mode + ")";
    }
}
