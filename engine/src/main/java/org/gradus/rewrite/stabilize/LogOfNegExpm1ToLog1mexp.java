package org.gradus.rewrite.stabilize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Expm1;
import org.gradus.ops.scalar.Log;
import org.gradus.ops.scalar.Neg;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.TensorVariable;

/**
 * {@code log(-expm1(x))}, which is what {@code log(1 - exp(x))} becomes, turns into {@link Log1mexp}
 * (Theano's {@code logmexpm1_to_log1mexp}): accurate far below 0, where {@code -expm1(x)} rounds to 1.
 */
public final class LogOfNegExpm1ToLog1mexp extends ElemwiseRewriter {
    public LogOfNegExpm1ToLog1mexp() {
        super(Log.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        Apply neg = Patterns.owner(node.input(0), Neg.class);
        Apply expm1 = neg == null ? null : Patterns.owner(neg.input(0), Expm1.class);
        return expm1 == null || !expm1.input(0).dtype().isFloat() || Log1mexp.isClamped(expm1.input(0)) ? null
                : Log1mexp.of(expm1.input(0));
    }
}
