package org.gradus.rewrite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.graph.Graphs;
import org.gradus.graph.SourceSite;
import org.gradus.graph.Variable;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/**
 * The graph a function compiles: its inputs, its outputs (function outputs, then update
 * expressions), a clients map (who reads each variable) and {@link #replace}, which swaps variables
 * and rebuilds every node downstream of them. Nodes are immutable, so a replacement creates new
 * nodes for the consumers; rebuilt nodes keep their source line, and nodes a rewrite created get the
 * source line of the node they replace, so run-time errors still point at the user's code.
 * Listeners hear of every replacement.
 */
public final class FunctionGraph {

    /** Hears of replacements (the rewrite log is one). */
    public interface Listener {
        void replaced(TensorVariable old, TensorVariable neu);
    }

    private final List<TensorVariable> inputs;
    private final Set<TensorVariable> inputSet;
    private final List<TensorVariable> outputs;
    private final List<Listener> listeners = new ArrayList<>();
    private List<Apply> nodes;
    private Map<Apply, Integer> order;
    private Map<TensorVariable, List<Apply>> clients;
    private List<TensorConstant> constants;

    public FunctionGraph(List<TensorVariable> inputs, List<TensorVariable> outputs) {
        this.inputs = List.copyOf(inputs);
        this.inputSet = Collections.newSetFromMap(new IdentityHashMap<>());
        this.inputSet.addAll(inputs);
        this.outputs = new ArrayList<>(outputs);
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public List<TensorVariable> inputs() {
        return inputs;
    }

    /** The current outputs, in the order given at construction. */
    public List<TensorVariable> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    /** The nodes in topological order (computed once per version of the graph). */
    public List<Apply> nodes() {
        if (nodes == null) {
            nodes = Graphs.toposort(outputs, inputSet);
        }
        return nodes;
    }

    /** The position of a node in {@link #nodes()}, or -1 when it is not in the graph. */
    public int position(Apply node) {
        if (order == null) {
            order = new IdentityHashMap<>();
            List<Apply> ns = nodes();
            for (int i = 0; i < ns.size(); i++) {
                order.put(ns.get(i), i);
            }
        }
        Integer p = order.get(node);
        return p == null ? -1 : p;
    }

    /** The nodes that read {@code v} (once each, in topological order). */
    public List<Apply> clients(TensorVariable v) {
        if (clients == null) {
            clients = new IdentityHashMap<>();
            for (Apply node : nodes()) {
                for (TensorVariable in : new LinkedHashSet<>(node.inputs())) {
                    clients.computeIfAbsent(in, k -> new ArrayList<>()).add(node);
                }
            }
        }
        return clients.getOrDefault(v, List.of());
    }

    /** Whether {@code v} is an output (or update expression) of the function. */
    public boolean isOutput(TensorVariable v) {
        for (TensorVariable o : outputs) {
            if (o == v) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code v} is read by exactly one node and is not an output. */
    public boolean hasSingleUse(TensorVariable v) {
        return clients(v).size() == 1 && !isOutput(v) && Collections.frequency(clients(v).get(0).inputs(), v) == 1;
    }

    /** The constants the graph reads, in topological order of first use. */
    public List<TensorConstant> constants() {
        if (constants == null) {
            Set<TensorConstant> seen = new LinkedHashSet<>();
            for (Apply node : nodes()) {
                for (TensorVariable in : node.inputs()) {
                    if (in instanceof TensorConstant) {
                        seen.add((TensorConstant) in);
                    }
                }
            }
            for (TensorVariable o : outputs) {
                if (o instanceof TensorConstant) {
                    seen.add((TensorConstant) o);
                }
            }
            constants = new ArrayList<>(seen);
        }
        return constants;
    }

    /**
     * Applies a replacement: every consumer of a replaced variable is rebuilt on the new one, and so
     * on downstream. Throws {@link IncompatibleReplacementException} (leaving the graph unchanged)
     * when a new variable's type differs from the old one in dtype, rank or broadcastable axes, or
     * when a new variable depends on the one it replaces.
     */
    public void replace(Replacement r) {
        SourceSite site = siteOf(r.firstOld());
        Map<TensorVariable, TensorVariable> subs = new HashMap<>();
        for (Map.Entry<TensorVariable, TensorVariable> e : r.pairs().entrySet()) {
            checkCompatible(e.getKey(), e.getValue());
            if (Graphs.ancestors(List.of(e.getValue())).contains(e.getKey())) {
                throw new IncompatibleReplacementException("the replacement of " + e.getKey().describe()
                        + " depends on the variable it replaces");
            }
            subs.put(e.getKey(), e.getValue());
        }
        Set<Apply> existing = Collections.newSetFromMap(new IdentityHashMap<>());
        existing.addAll(nodes());
        // new nodes first: a consumer of a replaced variable must see the rebuilt node, not a stale copy
        List<TensorVariable> roots = new ArrayList<>(r.pairs().values());
        roots.addAll(outputs);
        for (Apply node : Graphs.toposort(roots, inputSet)) {
            boolean created = !existing.contains(node);
            List<TensorVariable> ins = new ArrayList<>(node.inputs().size());
            boolean changed = false;
            for (TensorVariable in : node.inputs()) {
                TensorVariable res = resolve(subs, in);
                changed |= res != in;
                ins.add(res);
            }
            if (!created && !changed) {
                continue;
            }
            Apply rebuilt = new Apply(node.op(), ins, node.op().outputTypes(ins), created ? site : node.site());
            for (int i = 0; i < node.outputs().size(); i++) {
                TensorVariable old = node.output(i);
                if (!created && subs.containsKey(old)) {
                    continue;
                }
                TensorVariable neu = rebuilt.output(i);
                checkCompatible(old, neu);
                if (old.name() != null) {
                    neu.setName(old.name());
                }
                subs.put(old, neu);
            }
        }
        for (int i = 0; i < outputs.size(); i++) {
            outputs.set(i, resolve(subs, outputs.get(i)));
        }
        nodes = null;
        order = null;
        clients = null;
        constants = null;
        for (Map.Entry<TensorVariable, TensorVariable> e : r.pairs().entrySet()) {
            for (Listener l : listeners) {
                l.replaced(e.getKey(), resolve(subs, e.getValue()));
            }
        }
    }

    private static SourceSite siteOf(TensorVariable v) {
        return v.owner() != null ? v.owner().site() : v.site();
    }

    private static TensorVariable resolve(Map<TensorVariable, TensorVariable> subs, TensorVariable v) {
        TensorVariable cur = v;
        Set<Variable> seen = new HashSet<>();
        while (subs.containsKey(cur) && seen.add(cur)) {
            cur = subs.get(cur);
        }
        return cur;
    }

    /** Same dtype, same rank, and the same broadcastable (length-1) axes. */
    static boolean compatible(TensorType old, TensorType neu) {
        if (old.dtype() != neu.dtype() || old.ndim() != neu.ndim()) {
            return false;
        }
        for (int a = 0; a < old.ndim(); a++) {
            if ((old.dim(a) == 1) != (neu.dim(a) == 1)) {
                return false;
            }
        }
        return true;
    }

    private static void checkCompatible(TensorVariable old, TensorVariable neu) {
        if (!compatible(old.type(), neu.type())) {
            throw new IncompatibleReplacementException("cannot replace " + old.describe() + " by "
                    + neu.describe() + ": the types differ");
        }
    }

    /** Thrown by {@link #replace} when a proposed replacement would change a type or create a cycle. */
    public static final class IncompatibleReplacementException extends RuntimeException {
        IncompatibleReplacementException(String message) {
            super(message);
        }
    }
}
