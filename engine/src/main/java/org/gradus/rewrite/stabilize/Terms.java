package org.gradus.rewrite.stabilize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Neg;
import org.gradus.ops.scalar.ScalarOp;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** Small matchers for the stabilize rules. */
final class Terms {
    private Terms() {
    }

    /** For {@code v = 1 op z} or {@code z op 1} (op commutative, e.g. add), returns {@code z}; else {@code null}. */
    static TensorVariable otherThanOne(TensorVariable v, Class<? extends ScalarOp> op) {
        Apply node = Patterns.owner(v, op);
        if (node == null) {
            return null;
        }
        if (Patterns.isConstant(node.input(0), 1)) {
            return node.input(1);
        }
        return Patterns.isConstant(node.input(1), 1) ? node.input(0) : null;
    }

    /** {@code -x}, written {@code y} when {@code x = -y}. */
    static TensorVariable negated(TensorVariable x) {
        Apply neg = Patterns.owner(x, Neg.class);
        return neg != null ? neg.input(0) : T.neg(x);
    }
}
