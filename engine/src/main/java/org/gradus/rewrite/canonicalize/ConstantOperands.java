package org.gradus.rewrite.canonicalize;

import java.util.List;
import org.gradus.graph.Apply;
import org.gradus.rewrite.merge.Folding;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;

/** Shared by the rules that gather constants: {@code (x op c1) op c2 -> x op (c1 op c2)}. */
final class ConstantOperands {
    private ConstantOperands() {
    }

    /** The constant operand of a binary node, or {@code null} when neither (or both) is constant. */
    static TensorConstant constantOf(Apply node) {
        boolean a = node.input(0) instanceof TensorConstant;
        boolean b = node.input(1) instanceof TensorConstant;
        if (a == b) {
            return null;
        }
        return (TensorConstant) (a ? node.input(0) : node.input(1));
    }

    /** The non-constant operand of a binary node with exactly one constant operand. */
    static TensorVariable variableOf(Apply node) {
        return node.input(0) instanceof TensorConstant ? node.input(1) : node.input(0);
    }

    /** The value of {@code combined} (an expression of two constants), folded now; {@code null} if it cannot be. */
    static TensorConstant folded(TensorVariable combined) {
        if (combined instanceof TensorConstant) {
            return (TensorConstant) combined;
        }
        List<TensorConstant> values = Folding.fold(combined.owner());
        return values == null ? null : values.get(0);
    }
}
