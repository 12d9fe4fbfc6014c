package org.gradus.rewrite.stabilize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Log;
import org.gradus.ops.scalar.Sigmoid;
import org.gradus.ops.scalar.Sub;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** {@code log(1 - sigmoid(x))} becomes {@code -softplus(x)}: finite where sigmoid rounds to 1. */
public final class LogOneMinusSigmoidToSoftplus extends ElemwiseRewriter {
    public LogOneMinusSigmoidToSoftplus() {
        super(Log.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        Apply sub = Patterns.owner(node.input(0), Sub.class);
        if (sub == null || !Patterns.isConstant(sub.input(0), 1)) {
            return null;
        }
        Apply s = Patterns.owner(sub.input(1), Sigmoid.class);
        return s == null ? null : T.neg(T.softplus(s.input(0)));
    }
}
