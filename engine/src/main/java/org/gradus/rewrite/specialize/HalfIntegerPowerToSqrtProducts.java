package org.gradus.rewrite.specialize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Pow;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * {@code x ** (n + 0.5)} for a small integer {@code n} becomes {@code x**n * sqrt(x)}, and for a
 * negative exponent its reciprocal: the gradients of {@code sqrt(x)}, {@code x ** 0.5} and
 * {@code x ** -0.5} ({@code x ** -1.5 -> 1 / (x * sqrt(x))}) run without a per-element power. A float
 * result only; {@code 0.5} and {@code -0.5} are left to {@code PowHalfToSqrt} and
 * {@link PowMinusHalfToReciprocalSqrt}.
 */
public final class HalfIntegerPowerToSqrtProducts extends ElemwiseRewriter {
    public HalfIntegerPowerToSqrtProducts() {
        super(Pow.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        if (!node.output(0).dtype().isFloat()) {
            return null;
        }
        TensorVariable x = node.input(0);
        for (int n = 1; n < IntegerPowerToMultiplications.MAX_EXPONENT; n++) {
            if (Patterns.isConstant(node.input(1), n + 0.5)) {
                return Patterns.broadcastLike(T.mul(IntegerPowerToMultiplications.power(x, n), T.sqrt(x)), node);
            }
            if (Patterns.isConstant(node.input(1), -n - 0.5)) {
                return Patterns.broadcastLike(T.div(1, T.mul(IntegerPowerToMultiplications.power(x, n), T.sqrt(x))), node);
            }
        }
        return null;
    }
}
