package org.gradus.rewrite.stabilize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Add;
import org.gradus.ops.scalar.Exp;
import org.gradus.ops.scalar.Log;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** {@code log(1 + exp(x))} becomes {@code softplus(x)}, which does not overflow for large x. */
public final class LogOnePlusExpToSoftplus extends ElemwiseRewriter {
    public LogOnePlusExpToSoftplus() {
        super(Log.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        TensorVariable z = Terms.otherThanOne(node.input(0), Add.class);
        Apply exp = z == null ? null : Patterns.owner(z, Exp.class);
        return exp == null ? null : T.softplus(exp.input(0));
    }
}
