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

/** {@code log(1 + x)} becomes {@code log1p(x)}, exact for small x. */
public final class LogOnePlusToLog1p extends ElemwiseRewriter {
    public LogOnePlusToLog1p() {
        super(Log.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        TensorVariable x = Terms.otherThanOne(node.input(0), Add.class);
        return x == null || Patterns.owner(x, Exp.class) != null ? null : T.log1p(x);
    }
}
