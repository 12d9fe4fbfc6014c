package org.gradus.rewrite.stabilize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Maximum;
import org.gradus.ops.scalar.Minimum;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * {@code log(1 - exp(x))} for {@code x <= 0}, accurate everywhere (Mächler's {@code log1mexp}):
 * {@code log1p(-exp(x))} below {@code -log 2}, {@code log(-expm1(x))} above. Each branch reads its
 * argument clamped to its own side, so that the branch not taken is finite and so is its gradient.
 */
final class Log1mexp {
    private static final double CUT = -Math.log(2);
    private Log1mexp() {
    }

    /** Whether x is already one of the clamped branch arguments (the rules must not rewrite their own result). */
    static boolean isClamped(TensorVariable x) {
        Apply o = x.owner();
        return (Patterns.is(o, Minimum.class) || Patterns.is(o, Maximum.class)) 
                && (Patterns.isConstant(o.input(1), CUT) || Patterns.isConstant(o.input(1), (float) CUT));
    }

    static TensorVariable of(TensorVariable x) {
        double cut = CUT;
        TensorVariable below = T.log1p(T.neg(T.exp(T.minimum(x, cut))));
        TensorVariable above = T.log(T.neg(T.expm1(T.maximum(x, cut))));
        return T.where(T.lt(x, cut), below, above);
    }
}
