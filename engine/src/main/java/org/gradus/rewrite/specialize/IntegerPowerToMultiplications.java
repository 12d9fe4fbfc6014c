package org.gradus.rewrite.specialize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Pow;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * {@code x ** n} for a small integer {@code 2 <= |n| <= 8} becomes multiplications by repeated
 * squaring ({@code x**4 -> sqr(sqr(x))}), and for negative {@code n} with a float result their
 * reciprocal ({@code x**-2 -> 1 / sqr(x)}): Theano's {@code local_pow_specialize} and
 * {@code local_pow_to_nested_squaring}.
 */
public final class IntegerPowerToMultiplications extends ElemwiseRewriter {
    static final int MAX_EXPONENT = 8;

    public IntegerPowerToMultiplications() {
        super(Pow.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        for (int n = 2; n <= MAX_EXPONENT; n++) {
            if (Patterns.isConstant(node.input(1), n)) {
                return Patterns.broadcastLike(power(node.input(0), n), node);
            }
            if (node.output(0).dtype().isFloat() && Patterns.isConstant(node.input(1), -n)) {
                return Patterns.broadcastLike(T.div(1, power(node.input(0), n)), node);
            }
        }
        return null;
    }

    static TensorVariable power(TensorVariable x, int n) {
        if (n == 1) {
            return x;
        }
        TensorVariable half = T.sqr(power(x, n / 2));
        return n % 2 == 0 ? half : T.mul(half, x);
    }
}
