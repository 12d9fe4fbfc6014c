package org.gradus.compile;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.gradus.backend.cpu.codegen.FusedKernel;
import org.gradus.backend.cpu.codegen.FusedLoops;
import org.gradus.DTypeException;
import org.gradus.GradientException;
import org.gradus.GradusException;
import org.gradus.ShapeException;
import org.gradus.graph.Apply;
import org.gradus.graph.Variable;
import org.gradus.ops.elemwise.Composite;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/**
 * A compiled schedule: the nodes in execution order over a storage map of numbered slots.
 *
 * <p>Memory: intermediate buffers come from a {@link BufferPool} kept across calls and go back to it
 * as soon as their value is dead, so elementwise nodes work in place over inputs they read last and
 * dead intermediates of equal shape share storage; update results are computed straight into their
 * shared variable's array where that is safe ({@link MemoryPlan}). Output shapes of shape-only ops are
 * remembered ({@link ShapeMemo}). Once input shapes repeat, a call allocates nothing here.
 *
 * <p>Fused elementwise groups run generated Java loops ({@link FusedLoops}) where a compiler is
 * present; every other node runs its op's {@code perform}. A plan is not thread-safe;
 * {@link Function} serializes calls.
 */
final class ExecutionPlan {
    private final List<Apply> nodes;
    private final Map<Variable, Integer> slotOf = new HashMap<>();
    private final int[][] inputSlots;
    private final int[][] outputSlots;
    private final NDArray[] values;
    private final int[] functionInputSlots;
    private final int[] sharedSlots;
    private final SharedVariable[] sharedVariables;
    private final NDArray[][] nodeInputs;
    private final NDArray[][] nodeOutputs;
    private final ShapeMemo[] shapeMemos;
    private final FusedKernel[] kernels;
    private final MemoryPlan memory;
    private final BufferPool pool;
    private long[] profileNanos;
    private String[] profileShapes;
    private long profileCalls;

    /**
     * A plan for {@code nodes} (in execution order) whose results are {@code outputs} and the update
     * values of {@code updates}; both stay valid after {@link #run} until the next run.
     */
    ExecutionPlan(List<TensorVariable> inputs, List<Apply> nodes, List<SharedVariable> shared,
                  List<TensorConstant> constants, List<TensorVariable> outputs,
                  Map<SharedVariable, TensorVariable> updates) {
        this.nodes = List.copyOf(nodes);
        functionInputSlots = new int[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            functionInputSlots[i] = slot(inputs.get(i));
        }
        sharedVariables = shared.toArray(new SharedVariable[0]);
        sharedSlots = new int[shared.size()];
        for (int i = 0; i < shared.size(); i++) {
            sharedSlots[i] = slot(shared.get(i));
        }
        for (TensorConstant c : constants) {
            slot(c);
        }
        inputSlots = new int[nodes.size()][];
        outputSlots = new int[nodes.size()][];
        nodeInputs = new NDArray[nodes.size()][];
        nodeOutputs = new NDArray[nodes.size()][];
        shapeMemos = new ShapeMemo[nodes.size()];
        for (int n = 0; n < nodes.size(); n++) {
            Apply node = nodes.get(n);
            inputSlots[n] = node.inputs().stream().mapToInt(this::slot).toArray();
            outputSlots[n] = node.outputs().stream().mapToInt(this::slot).toArray();
            nodeInputs[n] = new NDArray[inputSlots[n].length];
            nodeOutputs[n] = new NDArray[outputSlots[n].length];
            shapeMemos[n] = new ShapeMemo(node);
        }
        values = new NDArray[slotOf.size()];
        for (TensorConstant c : constants) {
            values[slotOf.get(c)] = c.valueView();
        }
        memory = memoryPlan(outputs, updates, constants);
        pool = new BufferPool(2 * slotOf.size());
        kernels = FusedLoops.prepare(this.nodes);
    }

    private MemoryPlan memoryPlan(List<TensorVariable> outputs, Map<SharedVariable, TensorVariable> updates,
                                  List<TensorConstant> constants) {
        int[] outSlots = outputs.stream().mapToInt(this::slotOf).toArray();
        int[] updateValues = new int[updates.size()];
        int[] updateTargets = new int[updates.size()];
        List<SharedVariable> sharedList = Arrays.asList(sharedVariables);
        int u = 0;
        for (Map.Entry<SharedVariable, TensorVariable> e : updates.entrySet()) {
            updateValues[u] = slotOf(e.getValue());
            updateTargets[u] = sharedList.indexOf(e.getKey());   // -1: the graph never reads the target
            u++;
        }
        IntStream pinned = IntStream.concat(IntStream.concat(IntStream.of(functionInputSlots), IntStream.of(sharedSlots)),
                IntStream.concat(constants.stream().mapToInt(this::slotOf),
                        IntStream.concat(IntStream.of(outSlots), IntStream.of(updateValues))));
        return new MemoryPlan(slotOf.size(), nodes, inputSlots, outputSlots, pinned.toArray(), outSlots, sharedSlots,
                updateValues, updateTargets);
    }

    private int slot(Variable v) {
        return slotOf.computeIfAbsent(v, k -> slotOf.size());
    }

    int slotOf(Variable v) {
        Integer s = slotOf.get(v);
        if (s == null) {
            throw new IllegalStateException("no slot for " + v);
        }
        return s;
    }

    List<Apply> nodes() {
        return nodes;
    }

    /** The Java source of every generated loop, in schedule order (empty when none was generated). */
    String generatedSource() {
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < kernels.length; n++) {
            if (kernels[n] != null) {
                sb.append("// node ").append(n).append(": ").append(nodes.get(n).op().name()).append('\n');
                sb.append(kernels[n].source()).append('\n');
            }
        }
        return sb.toString();
    }

    /** Runs every node; afterwards {@link #value(int)} gives the value of any output or update slot. */
    void run(NDArray[] inputValues) {
        for (int s : memory.heldAcrossCalls) {
            NDArray held = values[s];
            values[s] = null;
            if (held != null && !isSharedStorage(held)) {
                pool.give(held);
            }
        }
        for (int i = 0; i < functionInputSlots.length; i++) {
            values[functionInputSlots[i]] = inputValues[i];
        }
        for (int i = 0; i < sharedSlots.length; i++) {
            values[sharedSlots[i]] = sharedVariables[i].valueView();
        }
        if (profileNanos != null) {
            runProfiled();
            return;
        }
        for (int n = 0; n < nodes.size(); n++) {
            execute(n);
        }
    }

    private void runProfiled() {
        for (int n = 0; n < nodes.size(); n++) {
            long start = System.nanoTime();
            execute(n);
            profileNanos[n] += System.nanoTime() - start;
            if (profileShapes[n] == null && outputSlots[n].length > 0 && values[outputSlots[n][0]] != null) {
                profileShapes[n] = FunctionProfile.shapeOf(values[outputSlots[n][0]].shape());
            }
        }
        profileCalls++;
    }

    /** Starts (or restarts) timing each node on every run. */
    void startProfiling() {
        profileNanos = new long[nodes.size()];
        profileShapes = new String[nodes.size()];
        profileCalls = 0;
    }

    /** The times recorded since {@link #startProfiling()}, or null when profiling is off. */
    FunctionProfile profile() {
        return profileNanos == null ? null
                : FunctionProfile.of(nodes, profileCalls, profileNanos.clone(), profileShapes.clone());
    }

    private boolean isSharedStorage(NDArray a) {
        for (SharedVariable s : sharedVariables) {
            if (s.valueView() == a) {
                return true;
            }
        }
        return false;
    }

    private void execute(int n) {
        Apply node = nodes.get(n);
        int[] ins = inputSlots[n];
        int[] outs = outputSlots[n];
        NDArray[] inArrays = nodeInputs[n];
        for (int i = 0; i < ins.length; i++) {
            inArrays[i] = values[ins[i]];
        }
        NDArray[] outArrays = nodeOutputs[n];
        try {
            int[][] shapes = shapeMemos[n].lookup(inArrays);
            if (shapes == null) {
                shapes = node.op().outputShapes(inArrays);
                if (MemoryPlan.isElementwise(node)) {
                    // a summed Composite output is 0-d: check against the loop's shape
                    int[] loop = node.op() instanceof Composite c && c.hasSummedOutputs() ? c.loopShape(inArrays)
                            : shapes[0];
                    org.gradus.ops.elemwise.Elemwise.checkRuntimeBroadcast(node, inArrays, loop);
                }
                for (int o = 0; o < outs.length; o++) {
                    if (!node.output(o).type().accepts(shapes[o])) {
                        throw new ShapeException("the op computed an output of shape " + Arrays.toString(shapes[o])
                                + " but its static type is " + node.output(o).type());
                    }
                }
                shapeMemos[n].remember(inArrays, shapes);
            }
            release(memory.releaseBefore[n]);
            for (int o = 0; o < outs.length; o++) {
                outArrays[o] = outputBuffer(n, o, shapes[o]);
            }
            if (kernels[n] != null) {
                kernels[n].run(inArrays, outArrays);
            } else {
                node.op().perform(inArrays, outArrays);
            }
        } catch (RuntimeException e) {
            throw located(e, node, inArrays);
        }
        for (int o = 0; o < outs.length; o++) {
            values[outs[o]] = outArrays[o];
            outArrays[o] = null;
        }
        release(memory.releaseAfter[n]);
        Arrays.fill(inArrays, null);
    }

    /** The shared variable's own array where the memory plan allows it and it fits, else a pool buffer. */
    private NDArray outputBuffer(int n, int o, int[] shape) {
        DType dtype = nodes.get(n).output(o).dtype();
        int target = memory.writeInto[n][o];
        if (target >= 0) {
            NDArray storage = sharedVariables[target].valueView();
            if (storage.dtype() == dtype && storage.hasShape(shape)) {
                return storage;
            }
        }
        return pool.take(dtype, shape);
    }

    private void release(int[] slots) {
        for (int s : slots) {
            NDArray v = values[s];
            values[s] = null;
            if (v != null) {
                pool.give(v);
            }
        }
    }

    /** Adds the failing node, its input shapes and the user's source line to an error. */
    private static RuntimeException located(RuntimeException e, Apply node, NDArray[] inputs) {
        StringBuilder shapes = new StringBuilder();
        for (int i = 0; i < inputs.length; i++) {
            NDArray a = inputs[i];
            shapes.append(i == 0 ? "" : ", ").append(a == null ? "?" : a.dtype() + Arrays.toString(a.shape()));
        }
        String where = "\n  in node " + node.op().name() + " with inputs " + shapes + "\n  created at " + node.site();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof ShapeException) {
            return withCause(new ShapeException(message + where), e);
        } else if (e instanceof DTypeException) {
            return withCause(new DTypeException(message + where), e);
        } else if (e instanceof GradientException) {
            return withCause(new GradientException(message + where), e);
        }
        return new GradusException(message + where, e);
    }

    private static RuntimeException withCause(RuntimeException wrapper, RuntimeException cause) {
        wrapper.initCause(cause);
        return wrapper;
    }

    NDArray value(int slot) {
        return values[slot];
    }

    /** True when the slot's value is computed by a node (as opposed to an input, constant or shared value). */
    boolean isBuffer(int slot) {
        return memory.computed[slot];
    }

    /** Drops references to the call's input and shared values (computed buffers stay for reuse). */
    void releaseInputs() {
        for (int s : functionInputSlots) {
            values[s] = null;
        }
        for (int s : sharedSlots) {
            values[s] = null;
        }
    }
}
