package org.gradus.rewrite.canonicalize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.TrueDiv;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.TensorVariable;

/** {@code x / 1} becomes {@code x}. */
public final class DivByOne extends ElemwiseRewriter {
    public DivByOne() {
        super(TrueDiv.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        return Patterns.isConstant(node.input(1), 1) ? node.input(0) : null;
    }
}
