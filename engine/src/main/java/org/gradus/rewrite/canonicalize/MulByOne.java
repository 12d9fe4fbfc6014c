package org.gradus.rewrite.canonicalize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Mul;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.TensorVariable;

/** {@code x * 1} and {@code 1 * x} become {@code x}. */
public final class MulByOne extends ElemwiseRewriter {
    public MulByOne() {
        super(Mul.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        TensorVariable a = node.input(0);
        TensorVariable b = node.input(1);
        return Patterns.isConstant(b, 1) ? a : Patterns.isConstant(a, 1) ? b : null;
    }
}
