package org.gradus.rewrite.stabilize;

import org.gradus.ops.scalar.Sub;
import org.gradus.graph.Apply;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * {@code 1 - exp(x)} becomes {@code -expm1(x)} (Theano's {@code local_expm1}), exact for small x: the
 * gradient of {@code log(1 - exp(x))} divides by it.
 */
public final class OneMinusExpToNegExpm1 extends ElemwiseRewriter {
    public OneMinusExpToNegExpm1() {
        super(Sub.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        TensorVariable x = Terms.expArgument(node.input(1));
        return x != null && Patterns.isConstant(node.input(0), 1) ? Patterns.broadcastLike(T.neg(T.expm1(x)), node) : null;
    }
}
