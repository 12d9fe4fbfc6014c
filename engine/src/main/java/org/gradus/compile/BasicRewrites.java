package org.gradus.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gradus.graph.Apply;
import org.gradus.graph.Graphs;
import org.gradus.graph.Variable;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;

/**
 * The two rewrites every optimizing mode runs: merging (equal constants and equal nodes on equal
 * inputs become one) and constant folding (a node whose inputs are all constants is computed once,
 * at compile time). Ops marked {@link NoFolding} are never folded or merged.
 */
final class BasicRewrites {
    /** Constants larger than this are not produced by folding, so compiled graphs stay small. */
    private static final int MAX_FOLDED_SIZE = 1 << 16;

    private final Map<Variable, TensorVariable> replacement = new HashMap<>();
    private final Map<List<Object>, Apply> seenNodes = new HashMap<>();
    private final Map<List<Object>, TensorConstant> seenConstants = new HashMap<>();

    List<TensorVariable> rewrite(List<TensorVariable> outputs) {
        for (Apply node : Graphs.toposort(outputs)) {
            List<TensorVariable> ins = new ArrayList<>();
            boolean allConstant = true;
            for (TensorVariable in : node.inputs()) {
                TensorVariable r = resolve(in);
                ins.add(r);
                allConstant &= r instanceof TensorConstant;
            }
            Op op = node.op();
            boolean stateful = op.getClass().isAnnotationPresent(NoFolding.class);
            if (allConstant && !stateful && fold(node, ins)) {
                continue;
            }
            List<Object> key = new ArrayList<>();
            key.add(op);
            key.addAll(identities(ins));
            Apply existing = stateful ? null : seenNodes.get(key);
            Apply target;
            if (existing != null) {
                target = existing;
            } else if (ins.equals(node.inputs())) {
                target = node;
            } else {
                target = new Apply(op, ins, op.outputTypes(ins), node.site());
            }
            if (!stateful) {
                seenNodes.putIfAbsent(key, target);
            }
            for (int i = 0; i < node.outputs().size(); i++) {
                if (target.output(i) != node.output(i)) {
                    replacement.put(node.output(i), target.output(i));
                }
            }
        }
        List<TensorVariable> out = new ArrayList<>();
        for (TensorVariable o : outputs) {
            out.add(resolve(o));
        }
        return out;
    }

    private static List<Object> identities(List<TensorVariable> ins) {
        List<Object> ids = new ArrayList<>();
        for (TensorVariable v : ins) {
            ids.add(new IdentityKey(v));
        }
        return ids;
    }

    /** Compares variables by identity inside merge keys. */
    private record IdentityKey(TensorVariable v) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityKey && ((IdentityKey) o).v == v;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(v);
        }
    }

    private TensorVariable resolve(TensorVariable v) {
        TensorVariable r = replacement.get(v);
        TensorVariable cur = r != null ? r : v;
        if (cur instanceof TensorConstant) {
            return canonicalConstant((TensorConstant) cur);
        }
        return cur;
    }

    private TensorConstant canonicalConstant(TensorConstant c) {
        NDArray v = c.valueView();
        if (v.size() > MAX_FOLDED_SIZE) {
            return c;
        }
        List<Object> key = List.of(v.dtype(), java.util.Arrays.toString(v.shape()), java.util.Arrays.toString(v.toDoubleArray()));
        return seenConstants.computeIfAbsent(key, k -> c);
    }

    private boolean fold(Apply node, List<TensorVariable> ins) {
        NDArray[] values = new NDArray[ins.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ((TensorConstant) ins.get(i)).valueView();
        }
        int[][] shapes;
        try {
            shapes = node.op().outputShapes(values);
        } catch (RuntimeException e) {
            return false; // leave the error to run time, where it is reported with the node
        }
        NDArray[] outs = new NDArray[shapes.length];
        for (int o = 0; o < outs.length; o++) {
            int size = 1;
            for (int d : shapes[o]) {
                size *= d;
            }
            if (size > MAX_FOLDED_SIZE) {
                return false;
            }
            outs[o] = NDArray.zeros(node.output(o).dtype(), shapes[o]);
        }
        try {
            node.op().perform(values, outs);
        } catch (RuntimeException e) {
            return false;
        }
        for (int o = 0; o < outs.length; o++) {
            TensorConstant c = T.constant(outs[o], outs[o].dtype(), node.output(o).name());
            if (!node.output(o).type().isSupertypeOf(c.type())) {
                return false;
            }
            replacement.put(node.output(o), canonicalConstant(c));
        }
        return true;
    }
}
