package org.gradus.rewrite.canonicalize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Pow;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.TensorVariable;

/** {@code x ** 1} becomes {@code x} (Theano's {@code local_pow_canonicalize}), whatever the literal's type and broadcast shape. */
public final class PowOneToIdentity extends ElemwiseRewriter {
    public PowOneToIdentity() {
        super(Pow.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        return Patterns.isConstant(node.input(1), 1) ? Patterns.broadcastLike(node.input(0), node) : null;
    }
}
