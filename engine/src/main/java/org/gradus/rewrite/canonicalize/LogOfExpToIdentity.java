package org.gradus.rewrite.canonicalize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Exp;
import org.gradus.ops.scalar.Log;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.TensorVariable;

/** {@code log(exp(x))} becomes {@code x} (Theano's {@code local_exp_log}): finite where {@code exp} overflows. */
public final class LogOfExpToIdentity extends ElemwiseRewriter {
    public LogOfExpToIdentity() {
        super(Log.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        Apply exp = Patterns.owner(node.input(0), Exp.class);
        return exp == null ? null : Patterns.broadcastLike(exp.input(0), node);
    }
}
