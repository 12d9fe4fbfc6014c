package org.gradus.rewrite.stabilize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Log1p;
import org.gradus.ops.scalar.Neg;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.TensorVariable;

/** {@code log1p(-exp(x))} becomes {@link Log1mexp} (Theano's {@code local_log1p_plusminus_exp}): accurate near 0. */
public final class Log1pOfNegExpToLog1mexp extends ElemwiseRewriter {
    public Log1pOfNegExpToLog1mexp() {
        super(Log1p.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        Apply neg = Patterns.owner(node.input(0), Neg.class);
        TensorVariable x = neg == null ? null : Terms.expArgument(neg.input(0));
        return x == null || !x.dtype().isFloat() || Log1mexp.isClamped(x) ? null : Log1mexp.of(x);
    }
}
