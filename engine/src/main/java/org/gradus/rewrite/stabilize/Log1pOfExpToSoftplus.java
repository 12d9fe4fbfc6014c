package org.gradus.rewrite.stabilize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Exp;
import org.gradus.ops.scalar.Log1p;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** {@code log1p(exp(x))} becomes {@code softplus(x)}. */
public final class Log1pOfExpToSoftplus extends ElemwiseRewriter {
    public Log1pOfExpToSoftplus() {
        super(Log1p.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        Apply exp = Patterns.owner(node.input(0), Exp.class);
        return exp == null ? null : T.softplus(exp.input(0));
    }
}
