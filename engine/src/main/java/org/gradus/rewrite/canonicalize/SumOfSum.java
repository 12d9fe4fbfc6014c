package org.gradus.rewrite.canonicalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.reduce.Reduce;
import org.gradus.ops.reduce.ReduceKind;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Patterns;
import org.gradus.rewrite.Replacement;
import org.gradus.tensor.TensorVariable;

/** {@code sum(sum(x, a1), a2)} becomes one {@code sum(x, a1 ∪ a2')}, the outer axes mapped back to x's axes. */
public final class SumOfSum implements NodeRewriter {
    @Override
    public Set<Class<? extends Op>> tracks() {
        return Set.of(Reduce.class);
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        Reduce outer = (Reduce) node.op();
        Apply innerNode = Patterns.ownerOp(node.input(0), Reduce.class);
        if (outer.kind() != ReduceKind.SUM || innerNode == null || ((Reduce) innerNode.op()).kind() != ReduceKind.SUM
                || !graph.hasSingleUse(innerNode.output(0))) {
            return Optional.empty();
        }
        Reduce inner = (Reduce) innerNode.op();
        TensorVariable x = innerNode.input(0);
        List<Integer> remaining = new ArrayList<>();
        for (int a = 0; a < x.ndim(); a++) {
            if (!inner.axes().contains(a)) {
                remaining.add(a);
            }
        }
        Set<Integer> axes = new TreeSet<>(inner.axes());
        for (int a : outer.axes()) {
            axes.add(remaining.get(a));
        }
        TensorVariable r = new Reduce(ReduceKind.SUM, new ArrayList<>(axes)).apply(x);
        TensorVariable out = node.output(0);
        return Patterns.compatible(out, r) ? Optional.of(Replacement.of(out, r)) : Optional.empty();
    }
}
