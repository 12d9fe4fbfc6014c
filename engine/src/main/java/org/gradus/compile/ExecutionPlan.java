package org.gradus.compile;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gradus.DTypeException;
import org.gradus.GradientException;
import org.gradus.GradusException;
import org.gradus.ShapeException;
import org.gradus.graph.Apply;
import org.gradus.graph.Variable;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;

/**
 * A compiled schedule: the nodes in execution order over a storage map of numbered slots. Each
 * node's output buffers are allocated once per shape and reused on later calls, so a function called
 * again with inputs of the same shapes allocates nothing for its intermediates.
 *
 * <p>This is the reference CPU interpreter: one kernel call per node. A plan is not thread-safe;
 * {@link Function} serializes calls.
 */
final class ExecutionPlan {
    private final List<Apply> nodes;
    private final Map<Variable, Integer> slotOf = new HashMap<>();
    private final int[][] inputSlots;
    private final int[][] outputSlots;
    private final NDArray[] values;
    private final NDArray[] buffers;
    private final int[] functionInputSlots;
    private final int[] sharedSlots;
    private final SharedVariable[] sharedVariables;

    ExecutionPlan(List<TensorVariable> inputs, List<Apply> nodes, List<SharedVariable> shared,
                  List<TensorConstant> constants) {
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
        for (int n = 0; n < nodes.size(); n++) {
            Apply node = nodes.get(n);
            inputSlots[n] = node.inputs().stream().mapToInt(this::slot).toArray();
            outputSlots[n] = node.outputs().stream().mapToInt(this::slot).toArray();
        }
        values = new NDArray[slotOf.size()];
        buffers = new NDArray[slotOf.size()];
        for (TensorConstant c : constants) {
            values[slotOf.get(c)] = c.valueView();
        }
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

    /** Runs every node; afterwards {@link #value(int)} gives the value of any slot. */
    void run(NDArray[] inputValues) {
        for (int i = 0; i < functionInputSlots.length; i++) {
            values[functionInputSlots[i]] = inputValues[i];
        }
        for (int i = 0; i < sharedSlots.length; i++) {
            values[sharedSlots[i]] = sharedVariables[i].valueView();
        }
        for (int n = 0; n < nodes.size(); n++) {
            execute(n);
        }
    }

    private void execute(int n) {
        Apply node = nodes.get(n);
        int[] ins = inputSlots[n];
        int[] outs = outputSlots[n];
        NDArray[] inArrays = new NDArray[ins.length];
        for (int i = 0; i < ins.length; i++) {
            inArrays[i] = values[ins[i]];
        }
        NDArray[] outArrays = new NDArray[outs.length];
        try {
            int[][] shapes = node.op().outputShapes(inArrays);
            if (node.op() instanceof org.gradus.ops.elemwise.Elemwise
                    || node.op() instanceof org.gradus.ops.elemwise.Composite) {
                org.gradus.ops.elemwise.Elemwise.checkRuntimeBroadcast(node, inArrays, shapes[0]);
            }
            for (int o = 0; o < outs.length; o++) {
                NDArray buf = buffers[outs[o]];
                TensorVariable outVar = node.output(o);
                if (buf == null || !buf.hasShape(shapes[o])) {
                    if (!outVar.type().accepts(shapes[o])) {
                        throw new ShapeException("the op computed an output of shape " + Arrays.toString(shapes[o])
                                + " but its static type is " + outVar.type());
                    }
                    buf = NDArray.zeros(outVar.dtype(), shapes[o]);
                    buffers[outs[o]] = buf;
                }
                outArrays[o] = buf;
            }
            node.op().perform(inArrays, outArrays);
        } catch (RuntimeException e) {
            throw located(e, node, inArrays);
        }
        for (int o = 0; o < outs.length; o++) {
            values[outs[o]] = outArrays[o];
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

    /** True when the slot holds a node's reusable buffer (as opposed to an input, constant or shared value). */
    boolean isBuffer(int slot) {
        return buffers[slot] != null && buffers[slot] == values[slot];
    }

    /** Drops references to the call's input and shared values (buffers stay for reuse). */
    void releaseInputs() {
        for (int s : functionInputSlots) {
            values[s] = null;
        }
        for (int s : sharedSlots) {
            values[s] = null;
        }
    }
}
