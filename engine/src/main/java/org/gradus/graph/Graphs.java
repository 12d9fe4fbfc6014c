package org.gradus.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gradus.tensor.TensorVariable;

/** Graph traversals: topological order of the applies behind some outputs, and ancestors. */
public final class Graphs {
    private Graphs() {
    }

    /**
     * The applies needed to compute {@code outputs}, each after all the applies it depends on.
     * Traversal stops at {@code stopAt} variables (treated as given, e.g. function inputs).
     */
    public static List<Apply> toposort(Collection<? extends Variable> outputs, Set<? extends Variable> stopAt) {
        List<Apply> order = new ArrayList<>();
        Set<Apply> done = new HashSet<>();
        Set<Apply> onStack = new HashSet<>();
        for (Variable out : outputs) {
            visit(out, stopAt, done, onStack, order);
        }
        return order;
    }

    public static List<Apply> toposort(Collection<? extends Variable> outputs) {
        return toposort(outputs, Set.of());
    }

    private static void visit(Variable root, Set<? extends Variable> stopAt, Set<Apply> done, Set<Apply> onStack,
                              List<Apply> order) {
        // iterative post-order DFS: deep graphs (long training unrolls) must not overflow the stack
        Deque<Object[]> stack = new ArrayDeque<>();
        if (root.owner() == null || stopAt.contains(root) || done.contains(root.owner())) {
            return;
        }
        stack.push(new Object[] {root.owner(), 0});
        onStack.add(root.owner());
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Apply node = (Apply) frame[0];
            int next = (Integer) frame[1];
            if (next < node.inputs().size()) {
                frame[1] = next + 1;
                TensorVariable in = node.input(next);
                Apply owner = in.owner();
                if (owner != null && !stopAt.contains(in) && !done.contains(owner)) {
                    if (!onStack.add(owner)) {
                        throw new IllegalStateException("the graph has a cycle through " + owner);
                    }
                    stack.push(new Object[] {owner, 0});
                }
            } else {
                stack.pop();
                onStack.remove(node);
                done.add(node);
                order.add(node);
            }
        }
    }

    /** Every variable that {@code outputs} depend on, the outputs included. */
    public static Set<Variable> ancestors(Collection<? extends Variable> outputs) {
        Set<Variable> seen = new LinkedHashSet<>();
        Deque<Variable> todo = new ArrayDeque<>(outputs);
        while (!todo.isEmpty()) {
            Variable v = todo.pop();
            if (seen.add(v) && v.owner() != null) {
                todo.addAll(v.owner().inputs());
            }
        }
        return seen;
    }

    /** The variables without an owner (inputs, constants, shared variables) that {@code outputs} depend on. */
    public static List<Variable> roots(Collection<? extends Variable> outputs) {
        List<Variable> roots = new ArrayList<>();
        for (Variable v : ancestors(outputs)) {
            if (v.owner() == null) {
                roots.add(v);
            }
        }
        return roots;
    }
}
