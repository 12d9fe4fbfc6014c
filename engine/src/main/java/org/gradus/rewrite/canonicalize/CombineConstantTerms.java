package org.gradus.rewrite.canonicalize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Add;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;

/** {@code (x + c1) + c2} becomes {@code x + (c1 + c2)}, the constant sum computed now. */
public final class CombineConstantTerms extends ElemwiseRewriter {
    public CombineConstantTerms() {
        super(Add.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        TensorConstant outer = ConstantOperands.constantOf(node);
        if (outer == null) {
            return null;
        }
        Apply inner = Patterns.owner(ConstantOperands.variableOf(node), Add.class);
        if (inner == null || !graph.hasSingleUse(inner.output(0))) {
            return null;
        }
        TensorConstant innerConstant = ConstantOperands.constantOf(inner);
        if (innerConstant == null) {
            return null;
        }
        TensorConstant c = ConstantOperands.folded(T.add(innerConstant, outer));
        return c == null ? null : T.add(ConstantOperands.variableOf(inner), c);
    }
}
