package org.gradus.rewrite.canonicalize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Identity;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.tensor.TensorVariable;

/** An elementwise identity is dropped. */
public final class IdentityNoOp extends ElemwiseRewriter {
    public IdentityNoOp() {
        super(Identity.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        return node.input(0);
    }
}
