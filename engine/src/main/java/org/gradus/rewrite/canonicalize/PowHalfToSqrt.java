package org.gradus.rewrite.canonicalize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Pow;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** {@code x ** 0.5} becomes {@code sqrt(x)}. */
public final class PowHalfToSqrt extends ElemwiseRewriter {
    public PowHalfToSqrt() {
        super(Pow.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        return Patterns.isConstant(node.input(1), 0.5) ? Patterns.broadcastLike(T.sqrt(node.input(0)), node) : null;
    }
}
