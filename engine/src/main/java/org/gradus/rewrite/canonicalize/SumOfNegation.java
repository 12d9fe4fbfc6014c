package org.gradus.rewrite.canonicalize;

import java.util.Optional;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.elemwise.Elemwise;
import org.gradus.ops.reduce.Reduce;
import org.gradus.ops.reduce.ReduceKind;
import org.gradus.ops.scalar.Neg;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Patterns;
import org.gradus.rewrite.Replacement;
import org.gradus.tensor.TensorVariable;

/**
 * {@code sum(-x, axes)} becomes {@code -sum(x, axes)} when nothing else reads {@code -x}: the
 * negation moves onto the (smaller) reduced array, and a sum of a sum, such as the mean of per-example
 * costs {@code mean(-sum(c, 1))}, meets {@link SumOfSum} and then {@code FuseSumIntoComposite}, which
 * sums inside the loop that computes {@code c} so that {@code c} is never stored. Same value: negation
 * is exact and commutes with rounding.
 */
public final class SumOfNegation implements NodeRewriter {
    @Override
    public Set<Class<? extends Op>> tracks() {
        return Set.of(Reduce.class);
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        Reduce sum = (Reduce) node.op();
        Apply neg = Patterns.owner(node.input(0), Neg.class);
        if (sum.kind() != ReduceKind.SUM || neg == null || !graph.hasSingleUse(neg.output(0))) {
            return Optional.empty();
        }
        TensorVariable negated = new Elemwise(new Neg()).apply(sum.apply(neg.input(0)));
        TensorVariable out = node.output(0);
        return Patterns.compatible(out, negated) ? Optional.of(Replacement.of(out, negated)) : Optional.empty();
    }
}
