package org.gradus.rewrite.stabilize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Log;
import org.gradus.ops.scalar.Sigmoid;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** {@code log(sigmoid(x))} becomes {@code -softplus(-x)}: finite where sigmoid underflows to 0. */
public final class LogOfSigmoidToSoftplus extends ElemwiseRewriter {
    public LogOfSigmoidToSoftplus() {
        super(Log.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        Apply s = Patterns.owner(node.input(0), Sigmoid.class);
        return s == null ? null : T.neg(T.softplus(Terms.negated(s.input(0))));
    }
}
