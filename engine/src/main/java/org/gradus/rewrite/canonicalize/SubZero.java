package org.gradus.rewrite.canonicalize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Sub;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** {@code x - 0} becomes {@code x}, and {@code 0 - x} becomes {@code -x}. */
public final class SubZero extends ElemwiseRewriter {
    public SubZero() {
        super(Sub.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        TensorVariable a = node.input(0);
        TensorVariable b = node.input(1);
        if (Patterns.isConstant(b, 0)) {
            return a;
        }
        return Patterns.isConstant(a, 0) && b.dtype().isFloat() ? T.neg(b) : null;
    }
}
