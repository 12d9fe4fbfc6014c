package org.gradus.rewrite.specialize;

import org.gradus.graph.Apply;
import org.gradus.ops.elemwise.Elemwise;
import org.gradus.ops.scalar.Neg;
import org.gradus.ops.scalar.Softplus;
import org.gradus.ops.scalar.SoftplusTail;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * When a graph computes both {@code softplus(x)} and {@code softplus(-x)} (a binary cross-entropy
 * through softplus, as the stabilizer writes it, reads both), each becomes
 * {@code relu(±x) + softplus_tail(x)}: the tail {@code log1p(exp(-|x|))} is even, so one node (after
 * merging) computes the exp and the log for both. Same value: {@code softplus} is computed as exactly
 * this sum. CPU only.
 */
public final class SharedSoftplusTail extends ElemwiseRewriter {
    public SharedSoftplusTail() {
        super(Softplus.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        TensorVariable y = node.input(0);
        Apply neg = Patterns.owner(y, Neg.class);
        TensorVariable x = neg != null ? neg.input(0) : y;
        // the partner may already be rewritten: then x has a tail reader instead
        boolean partner = Patterns.hasReader(x, graph, SoftplusTail.class)
                || (neg != null ? Patterns.hasReader(x, graph, Softplus.class)
                        : Patterns.hasReaderOfNegation(x, graph, Softplus.class));
        if (!partner) {
            return null;
        }
        return T.relu(y).add(new Elemwise(new SoftplusTail()).apply(x));
    }
}
