package org.gradus.rewrite.canonicalize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Second;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.tensor.TensorVariable;

/** {@code fill(like, v)} becomes {@code v} when {@code v} already has the result's type (the broadcast changes nothing). */
public final class FillNoOp extends ElemwiseRewriter {
    public FillNoOp() {
        super(Second.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        TensorVariable v = node.input(1);
        return node.output(0).type().equals(v.type()) ? v : null;
    }
}
