package org.gradus.rewrite.fuse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.elemwise.Composite;
import org.gradus.ops.elemwise.Elemwise;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Patterns;
import org.gradus.rewrite.Replacement;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/**
 * Grows a maximal group of elementwise nodes from a node (the phase visits consumers first) through
 * its producers, its consumers and the other readers of its full-size operands, and replaces it by
 * one {@link Composite}: every member has the same rank and the same
 * broadcastable axes (so all run over the same elements), and no path leaves the group and comes
 * back into it (the fused node would depend on itself). Members read outside the group, or that
 * are function outputs, become the composite's outputs.
 */
public final class FuseElementwise implements NodeRewriter {
    @Override
    public Set<Class<? extends Op>> tracks() {
        return Patterns.ELEMWISE;
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        TensorType pattern = node.output(0).type();
        Set<Apply> group = Collections.newSetFromMap(new IdentityHashMap<>());
        group.add(node);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Apply m : new ArrayList<>(group)) {
                for (TensorVariable in : m.inputs()) {
                    Apply p = in.owner();
                    if (p != null && !group.contains(p) && fusible(p, pattern) && convex(p, group, graph)) {
                        group.add(p);
                        grew = true;
                    }
                }
                // consumers, and other readers of a full-size operand: the forward pass and its
                // gradient, or a weight's update and its penalty, read the same arrays in one loop
                List<Apply> readers = new ArrayList<>(graph.clients(m.output(0)));
                for (TensorVariable in : m.inputs()) {
                    if (fullSize(in.type(), pattern)) {
                        readers.addAll(graph.clients(in));
                    }
                }
                for (Apply c : readers) {
                    if (!group.contains(c) && fusible(c, pattern) && convex(c, group, graph)) {
                        group.add(c);
                        grew = true;
                    }
                }
            }
        }
        if (group.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(fuse(group, graph));
    }

    private static boolean fusible(Apply p, TensorType pattern) {
        if (!(p.op() instanceof Elemwise) || p.outputs().size() != 1) {
            return false;
        }
        return fullSize(p.output(0).type(), pattern);
    }

    /** Whether {@code t} has the group's rank and is broadcast along none of the group's full axes. */
    private static boolean fullSize(TensorType t, TensorType pattern) {
        if (t.ndim() != pattern.ndim()) {
            return false;
        }
        for (int a = 0; a < t.ndim(); a++) {
            if ((t.dim(a) == 1) != (pattern.dim(a) == 1)) {
                return false;
            }
        }
        return true;
    }

    /** Whether adding p keeps every path between group members inside the group. */
    private static boolean convex(Apply p, Set<Apply> group, FunctionGraph graph) {
        int max = 0;
        int min = Integer.MAX_VALUE;
        for (Apply m : group) {
            max = Math.max(max, graph.position(m));
            min = Math.min(min, graph.position(m));
        }
        // forward: p -> outside node -> ... -> member
        Deque<Apply> todo = new ArrayDeque<>();
        Set<Apply> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Apply c : graph.clients(p.output(0))) {
            if (!group.contains(c)) {
                todo.add(c);
            }
        }
        while (!todo.isEmpty()) {
            Apply a = todo.pop();
            if (!seen.add(a) || graph.position(a) > max) {
                continue;
            }
            for (TensorVariable o : a.outputs()) {
                for (Apply c : graph.clients(o)) {
                    if (group.contains(c)) {
                        return false;
                    }
                    todo.add(c);
                }
            }
        }
        // backward: member -> ... -> outside node -> p
        seen.clear();
        for (TensorVariable in : p.inputs()) {
            if (in.owner() != null && !group.contains(in.owner())) {
                todo.add(in.owner());
            }
        }
        while (!todo.isEmpty()) {
            Apply a = todo.pop();
            if (!seen.add(a) || graph.position(a) < min) {
                continue;
            }
            for (TensorVariable in : a.inputs()) {
                Apply o = in.owner();
                if (o != null) {
                    if (group.contains(o)) {
                        return false;
                    }
                    todo.add(o);
                }
            }
        }
        return true;
    }

    private static Replacement fuse(Set<Apply> group, FunctionGraph graph) {
        List<Apply> members = new ArrayList<>(group);
        members.sort(Comparator.comparingInt(graph::position));
        Map<TensorVariable, Integer> refs = new IdentityHashMap<>();
        List<TensorVariable> inputs = new ArrayList<>();
        for (Apply m : members) {
            for (TensorVariable in : m.inputs()) {
                if ((in.owner() == null || !group.contains(in.owner())) && !refs.containsKey(in)) {
                    refs.put(in, inputs.size());
                    inputs.add(in);
                }
            }
        }
        List<Composite.Step> steps = new ArrayList<>();
        List<Integer> outputRefs = new ArrayList<>();
        List<TensorVariable> replaced = new ArrayList<>();
        for (Apply m : members) {
            List<Integer> operands = new ArrayList<>();
            for (TensorVariable in : m.inputs()) {
                operands.add(refs.get(in));
            }
            TensorVariable out = m.output(0);
            refs.put(out, inputs.size() + steps.size());
            steps.add(new Composite.Step(((Elemwise) m.op()).scalarOp(), operands, out.dtype()));
            boolean readOutside = graph.isOutput(out)
                    || graph.clients(out).stream().anyMatch(c -> !group.contains(c));
            if (readOutside) {
                outputRefs.add(refs.get(out));
                replaced.add(out);
            }
        }
        Apply fused = new Composite(inputs.size(), steps, outputRefs).makeNode(inputs);
        Map<TensorVariable, TensorVariable> pairs = new LinkedHashMap<>();
        for (int i = replaced.size() - 1; i >= 0; i--) {
            pairs.put(replaced.get(i), fused.output(i));
        }
        return new Replacement(pairs);
    }
}
