package org.gradus.ops.nnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** Central-difference gradient checks (float64, eps 1e-6, tolerance 1e-6 relative + 1e-8 absolute) for the nnet tests. */
final class GradCheck {
    private static final double EPS = 1e-6;
    private static final double RTOL = 1e-6;
    private static final double ATOL = 1e-8;

    private GradCheck() {
    }

    /** A scalar cost from any expression: {@code sum(expr * weights)} with seeded random weights of its shape. */
    static TensorVariable weightedSum(TensorVariable expr, int[] shape, long seed) {
        return T.sum(expr.mul(T.constant(random(shape, seed, -1, 1))));
    }

    /** Seeded uniform values in {@code [low, high)} as a float64 array. */
    static NDArray random(int[] shape, long seed, double low, double high) {
        Random rng = new Random(seed);
        int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        double[] flat = new double[size];
        for (int i = 0; i < size; i++) {
            flat[i] = low + (high - low) * rng.nextDouble();
        }
        return NDArray.fromFlat(org.gradus.types.DType.FLOAT64, shape, flat);
    }

    /** Checks {@code T.grad(cost, inputs[wrt])} against central differences of {@code cost} at {@code values}. */
    static void check(List<TensorVariable> inputs, TensorVariable cost, int wrt, NDArray... values) {
        Function f = Gradus.function(inputs, cost);
        Function g = Gradus.function(inputs, T.grad(cost, inputs.get(wrt)));
        NDArray analytic = g.call((Object[]) values);
        NDArray x = values[wrt];
        assertThat(analytic.shape()).containsExactly(x.shape());
        for (int i = 0; i < x.size(); i++) {
            Object[] plus = values.clone();
            Object[] minus = values.clone();
            plus[wrt] = perturbed(x, i, EPS);
            minus[wrt] = perturbed(x, i, -EPS);
            double numeric = (f.call(plus).doubleValue() - f.call(minus).doubleValue()) / (2 * EPS);
            double a = analytic.get(i);
            assertThat(Math.abs(a - numeric))
                    .as("gradient element %d: analytic %s, numeric %s", i, a, numeric)
                    .isLessThanOrEqualTo(RTOL * Math.abs(numeric) + ATOL);
        }
    }

    private static NDArray perturbed(NDArray x, int i, double delta) {
        NDArray c = x.copy();
        c.set(i, x.get(i) + delta);
        return c;
    }
}
