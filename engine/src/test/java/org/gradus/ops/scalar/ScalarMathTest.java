package org.gradus.ops.scalar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** {@link ScalarMath} against {@link Math} (itself within one ulp of the exact values) and at special values. */
class ScalarMathTest {
    private static final double[] SPECIAL = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 708, -708, 709.5, -709.5, 745.2, -745.2, 800, -800, 1e-300, -1e-300,
        Double.MIN_VALUE, -Double.MIN_VALUE, 0x1p-30, -0x1p-30, 22, -22, 22.5, -22.5, 0.0108, -0.0108, 0.55, -0.55};

    /** Distance in units of the reference's last place (0 for equal values, both NaN, or same-signed zeros). */
    private static double ulps(double actual, double reference) {
        if (Double.compare(actual, reference) == 0) {
            return 0;
        }
        if (Double.isNaN(actual) || Double.isNaN(reference) || Double.isInfinite(reference)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(actual - reference) / Math.ulp(reference);
    }

    /** The largest ulp distance over random arguments from several ranges, and over the special values. */
    private static double worst(DoubleUnaryOperator fast, DoubleUnaryOperator reference, double... ranges) {
        Random r = new Random(7);
        double worst = 0;
        for (double range : ranges) {
            for (int i = 0; i < 200_000; i++) {
                double x = (2 * r.nextDouble() - 1) * range;
                worst = Math.max(worst, ulps(fast.applyAsDouble(x), reference.applyAsDouble(x)));
            }
        }
        for (double x : SPECIAL) {
            double expected = reference.applyAsDouble(x);
            double actual = fast.applyAsDouble(x);
            if (Double.isNaN(expected) || Double.isInfinite(expected) || expected == 0) {
                assertThat(Double.compare(actual, expected)).as("at %s: %s, expected %s", x, actual, expected).isZero();
            } else {
                worst = Math.max(worst, ulps(actual, expected));
            }
        }
        return worst;
    }

    @Test
    void expIsWithinOneUlpEverywhere() {
        assertThat(worst(ScalarMath::exp, Math::exp, 708, 30, 1, 0.01, 1e-9)).isLessThanOrEqualTo(1);
        assertThat(ScalarMath.exp(1)).isEqualTo(Math.E);
        assertThat(ScalarMath.exp(-745.0)).isEqualTo(Math.exp(-745.0)).isPositive();
    }

    @Test
    void expm1KeepsRelativeAccuracyNearZero() {
        assertThat(worst(ScalarMath::expm1, Math::expm1, 708, 2, 0.05, 1e-6, 1e-12)).isLessThanOrEqualTo(4);
        assertThat(ScalarMath.expm1(1e-20)).isEqualTo(1e-20);
        assertThat(1 / ScalarMath.expm1(-0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void log1pKeepsRelativeAccuracyNearZero() {
        DoubleUnaryOperator nonNegative = x -> Math.abs(x);
        assertThat(worst(x -> ScalarMath.log1p(Math.abs(x)), x -> Math.log1p(nonNegative.applyAsDouble(x)),
                1e6, 1, 1e-3, 1e-10)).isLessThanOrEqualTo(4);
        assertThat(ScalarMath.log1p(-1)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(ScalarMath.log1p(-2)).isNaN();
    }

    @Test
    void tanhIsOddSaturatesAndIsAccurateForSmallArguments() {
        assertThat(worst(ScalarMath::tanh, Math::tanh, 30, 3, 0.5, 1e-4, 1e-12)).isLessThanOrEqualTo(4);
        assertThat(ScalarMath.tanh(-0.3)).isEqualTo(-ScalarMath.tanh(0.3));
        assertThat(ScalarMath.tanh(40)).isEqualTo(1.0);
        assertThat(1 / ScalarMath.tanh(-0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void sigmoidIsAccurateOnBothSidesAndNeverOverflows() {
        DoubleUnaryOperator reference = x -> x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
        assertThat(worst(ScalarMath::sigmoid, reference, 700, 40, 1)).isLessThanOrEqualTo(4);
        assertThat(ScalarMath.sigmoid(-800)).isZero();
        assertThat(ScalarMath.sigmoid(800)).isEqualTo(1.0);
        assertThat(ScalarMath.sigmoid(-30)).isCloseTo(9.357622968839299e-14, org.assertj.core.data.Percentage.withPercentage(1e-12));
    }

    @Test
    void softplusMatchesLogOnePlusExpWithoutOverflow() {
        // reference: log1p(exp(x)) where exp does not overflow, x + log1p(exp(-x)) above
        DoubleUnaryOperator reference = x -> x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
        assertThat(worst(ScalarMath::softplus, reference, 700, 40, 1, 1e-8)).isLessThanOrEqualTo(4);
        assertThat(ScalarMath.softplus(1000)).isEqualTo(1000);
        assertThat(ScalarMath.softplus(-1000)).isZero();
        assertThat(ScalarMath.softplus(0)).isEqualTo(Math.log(2));
    }
}
