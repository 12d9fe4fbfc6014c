package org.gradus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/** Shared helpers of the contract tests: seeded random arrays, one-shot evaluation and value comparison. */
public final class TestValues {
    private TestValues() {
    }

    /** A float64 array of the given shape with values uniform in {@code [low, high)}. */
    public static NDArray uniform(long seed, double low, double high, int... shape) {
        Random random = new Random(seed);
        NDArray a = NDArray.zeros(DType.FLOAT64, shape);
        for (int i = 0; i < a.size(); i++) {
            a.set(i, low + (high - low) * random.nextDouble());
        }
        return a;
    }

    /** Like {@link #uniform}, but every value is at least {@code gap} away from the integers (for kinks at integers). */
    public static NDArray awayFromIntegers(long seed, double low, double high, double gap, int... shape) {
        NDArray a = uniform(seed, low, high, shape);
        for (int i = 0; i < a.size(); i++) {
            double v = a.get(i);
            double frac = v - Math.floor(v);
            a.set(i, Math.floor(v) + gap + frac * (1 - 2 * gap));
        }
        return a;
    }

    /** Compiles {@code output} over {@code inputs} and calls it once with {@code args}. */
    public static NDArray run(List<? extends TensorVariable> inputs, TensorVariable output, Object... args) {
        return Gradus.function(inputs, output).callAll(args).get(0);
    }

    /**
     * Asserts that {@code actual} equals {@code expected} up to a relative tolerance: NaN must be NaN,
     * infinities and zeros must match exactly, including the sign of zero.
     */
    public static void assertSameValue(double actual, double expected, double relTol, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
        } else if (Double.isInfinite(expected) || expected == 0) {
            assertThat(Double.compare(actual, expected)).as(what + ": expected " + expected + " but got " + actual)
                    .isZero();
        } else {
            assertThat(Math.abs(actual - expected)).as(what + ": expected " + expected + " but got " + actual)
                    .isLessThanOrEqualTo(relTol * Math.abs(expected));
        }
    }

    /** The value of {@code a} at the broadcast position {@code index} of a result of rank {@code index.length}. */
    public static double broadcastGet(NDArray a, int... index) {
        int pad = index.length - a.ndim();
        int flat = 0;
        for (int axis = 0; axis < a.ndim(); axis++) {
            int i = a.dim(axis) == 1 ? 0 : index[axis + pad];
            flat = flat * a.dim(axis) + i;
        }
        return a.get(flat);
    }

    /** The n-d index of a flat position in C order. */
    public static int[] unravel(int flat, int... shape) {
        int[] index = new int[shape.length];
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            index[axis] = flat % shape[axis];
            flat /= shape[axis];
        }
        return index;
    }
}
