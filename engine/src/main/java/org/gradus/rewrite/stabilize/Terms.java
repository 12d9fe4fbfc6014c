package org.gradus.rewrite.stabilize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Add;
import org.gradus.ops.scalar.Exp;
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

    /** {@code t} when {@code v = exp(t)}, else {@code null}. */
    static TensorVariable expArgument(TensorVariable v) {
        Apply exp = Patterns.owner(v, Exp.class);
        return exp == null ? null : exp.input(0);
    }

    /** {@code t} when {@code v = 1 + exp(t)} (either order, any literal 1), else {@code null}. */
    static TensorVariable onePlusExpArgument(TensorVariable v) {
        TensorVariable z = otherThanOne(v, Add.class);
        return z == null ? null : expArgument(z);
    }

    /** Whether {@code a = -b} or {@code b = -a}. */
    static boolean negationOf(TensorVariable a, TensorVariable b) {
        Apply na = Patterns.owner(a, Neg.class);
        Apply nb = Patterns.owner(b, Neg.class);
        return na != null && na.input(0) == b || nb != null && nb.input(0) == a;
    }

    /** {@code -x}, written {@code y} when {@code x = -y}. */
    static TensorVariable negated(TensorVariable x) {
        Apply neg = Patterns.owner(x, Neg.class);
        return neg != null ? neg.input(0) : T.neg(x);
    }
}
