package org.gradus.rewrite.canonicalize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Add;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.TensorVariable;

/** {@code x + 0} and {@code 0 + x} become {@code x}. */
public final class AddZero extends ElemwiseRewriter {
    public AddZero() {
        super(Add.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        TensorVariable a = node.input(0);
        TensorVariable b = node.input(1);
        return Patterns.isConstant(b, 0) ? a : Patterns.isConstant(a, 0) ? b : null;
    }
}
