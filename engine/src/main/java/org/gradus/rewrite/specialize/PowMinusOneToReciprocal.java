package org.gradus.rewrite.specialize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Pow;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** {@code x ** -1} becomes {@code 1 / x} for a float result (Theano's {@code local_pow_specialize}). */
public final class PowMinusOneToReciprocal extends ElemwiseRewriter {
    public PowMinusOneToReciprocal() {
        super(Pow.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        if (!node.output(0).dtype().isFloat() || !Patterns.isConstant(node.input(1), -1)) {
            return null;
        }
        return Patterns.broadcastLike(T.div(1, node.input(0)), node);
    }
}
