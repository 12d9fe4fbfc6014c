package org.gradus.rewrite.stabilize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Exp;
import org.gradus.ops.scalar.Sub;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** {@code exp(x) - 1} becomes {@code expm1(x)}, exact for small x. */
public final class ExpMinusOneToExpm1 extends ElemwiseRewriter {
    public ExpMinusOneToExpm1() {
        super(Sub.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        Apply exp = Patterns.owner(node.input(0), Exp.class);
        return exp != null && Patterns.isConstant(node.input(1), 1) ? T.expm1(exp.input(0)) : null;
    }
}
