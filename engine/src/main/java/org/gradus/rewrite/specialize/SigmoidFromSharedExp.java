package org.gradus.rewrite.specialize;

import java.util.Optional;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.elemwise.Elemwise;
import org.gradus.ops.scalar.Abs;
import org.gradus.ops.scalar.Exp;
import org.gradus.ops.scalar.Log1p;
import org.gradus.ops.scalar.Neg;
import org.gradus.ops.scalar.Sigmoid;
import org.gradus.ops.scalar.SigmoidGivenExp;
import org.gradus.ops.scalar.Softplus;
import org.gradus.ops.scalar.SoftplusTail;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Patterns;
import org.gradus.rewrite.Replacement;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * When a graph computes both {@code sigmoid(x)} and the softplus tail of x ({@code softplus(±x)}, or
 * {@code softplus_tail(x)} after {@link SharedSoftplusTail}: a binary cross-entropy of logits and its
 * gradient), both read one {@code e = exp(-|x|)}: the tail becomes {@code log1p(e)} (its own
 * definition, so {@code softplus(±x) = relu(±x) + log1p(e)} as softplus is computed) and the sigmoid
 * {@link SigmoidGivenExp}{@code (x, e)} (and {@code sigmoid(-x)} reads the same e), one exp per element
 * instead of two. CPU only, like the shared tail.
 */
public final class SigmoidFromSharedExp implements NodeRewriter {
    @Override
    public Set<Class<? extends Op>> tracks() {
        return Patterns.ELEMWISE;
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        TensorVariable r;
        if (Patterns.is(node, Sigmoid.class)) {
            // sigmoid(-x) (what 1 - sigmoid(x) becomes) reads the same exp(-|x|) as sigmoid(x)
            TensorVariable y = node.input(0);
            Apply neg = Patterns.owner(y, Neg.class);
            TensorVariable x = neg != null && !readsTail(y, graph) ? neg.input(0) : y;
            if (!readsTail(x, graph)) {
                return Optional.empty();
            }
            r = new Elemwise(new SigmoidGivenExp()).apply(y, sharedExp(x));
        } else if (Patterns.is(node, SoftplusTail.class)) {
            TensorVariable x = node.input(0);
            if (!readsSigmoid(x, graph)) {
                return Optional.empty();
            }
            r = T.log1p(sharedExp(x));
        } else if (Patterns.is(node, Softplus.class)) {
            // softplus(±x) = relu(±x) + log1p(exp(-|x|)), exactly how softplus is computed
            TensorVariable y = node.input(0);
            Apply neg = Patterns.owner(y, Neg.class);
            TensorVariable x = neg != null ? neg.input(0) : y;
            if (!readsSigmoid(x, graph)) {
                return Optional.empty();
            }
            r = T.relu(y).add(T.log1p(sharedExp(x)));
        } else {
            return Optional.empty();
        }
        TensorVariable out = node.output(0);
        return Patterns.compatible(out, r) ? Optional.of(Replacement.of(out, r)) : Optional.empty();
    }

    /** {@code exp(-|x|)}; made again by each rewrite, the copies are merged into one node. */
    private static TensorVariable sharedExp(TensorVariable x) {
        return T.exp(T.neg(T.abs(x)));
    }

    /** Whether the sigmoid of x is read (still as a sigmoid, or already from the shared exp). */
    private static boolean readsSigmoid(TensorVariable x, FunctionGraph graph) {
        return Patterns.hasReader(x, graph, Sigmoid.class) || Patterns.hasReader(x, graph, SigmoidGivenExp.class);
    }

    /** Whether the tail of x is read: softplus(±x), softplus_tail(x), or already log1p(exp(-|x|)). */
    private static boolean readsTail(TensorVariable x, FunctionGraph graph) {
        return Patterns.hasReader(x, graph, Softplus.class) || Patterns.hasReaderOfNegation(x, graph, Softplus.class)
                || Patterns.hasReader(x, graph, SoftplusTail.class) || hasTailOfSharedExp(x, graph);
    }

    /** Whether x has a reader {@code |x|} whose negation's exp feeds a log1p. */
    private static boolean hasTailOfSharedExp(TensorVariable x, FunctionGraph graph) {
        Apply abs = Patterns.reader(x, graph, Abs.class);
        Apply neg = abs == null ? null : Patterns.reader(abs.output(0), graph, Neg.class);
        Apply exp = neg == null ? null : Patterns.reader(neg.output(0), graph, Exp.class);
        return exp != null && Patterns.hasReader(exp.output(0), graph, Log1p.class);
    }
}
