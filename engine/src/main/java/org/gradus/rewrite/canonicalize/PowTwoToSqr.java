package org.gradus.rewrite.canonicalize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Pow;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** {@code x ** 2} becomes {@code sqr(x)}. */
public final class PowTwoToSqr extends ElemwiseRewriter {
    public PowTwoToSqr() {
        super(Pow.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        return Patterns.isConstant(node.input(1), 2) ? Patterns.broadcastLike(T.sqr(node.input(0)), node) : null;
    }
}
