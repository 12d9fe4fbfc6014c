package org.gradus.rewrite.canonicalize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Neg;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.TensorVariable;

/** {@code -(-x)} becomes {@code x}. */
public final class DoubleNegation extends ElemwiseRewriter {
    public DoubleNegation() {
        super(Neg.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        Apply inner = Patterns.owner(node.input(0), Neg.class);
        return inner == null ? null : inner.input(0);
    }
}
