package org.gradus.rewrite.stabilize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Log1p;
import org.gradus.ops.scalar.Neg;
import org.gradus.ops.scalar.Sigmoid;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** {@code log1p(-sigmoid(x))} becomes {@code -softplus(x)} (Theano's {@code log1p_neg_sigmoid}): finite where sigmoid rounds to 1. */
public final class Log1pOfNegSigmoidToSoftplus extends ElemwiseRewriter {
    public Log1pOfNegSigmoidToSoftplus() {
        super(Log1p.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        Apply neg = Patterns.owner(node.input(0), Neg.class);
        Apply s = neg == null ? null : Patterns.owner(neg.input(0), Sigmoid.class);
        return s == null ? null : T.neg(T.softplus(s.input(0)));
    }
}
