package org.gradus.ops.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** Central-difference gradient checks and random test data for the indexing tests. */
final class GradCheck {
    private static final double EPS = 1e-6;

    private GradCheck() {
    }

    /** A float64 array of the given shape with seeded uniform values in [-1, 1). */
    static NDArray random(Random rng, int... shape) {
        NDArray a = NDArray.zeros(org.gradus.types.DType.FLOAT64, shape);
        for (int i = 0; i < a.size(); i++) {
            a.set(i, rng.nextDouble() * 2 - 1);
        }
        return a;
    }

    /**
     * Checks {@code d cost / d inputs[wrt]} against central differences, where cost is {@code expr}
     * when it is a scalar and {@code sum(expr * W)} with fixed random weights otherwise. The argument
     * at {@code wrt} must be a float64 {@link NDArray}.
     */
    static void check(List<TensorVariable> inputs, TensorVariable expr, int wrt, Object... args) {
        TensorVariable cost = expr;
        if (expr.ndim() > 0) {
            NDArray value = Gradus.function(inputs, expr).call(args);
            cost = T.sum(expr.mul(T.constant(random(new Random(7), value.shape()))));
        }
        Function f = Gradus.function(inputs, cost);
        NDArray analytic = Gradus.function(inputs, T.grad(cost, inputs.get(wrt))).call(args).copy();
        NDArray x = (NDArray) args[wrt];
        assertThat(analytic.shape()).containsExactly(x.shape());
        for (int i = 0; i < x.size(); i++) {
            Object[] plus = args.clone();
            Object[] minus = args.clone();
            NDArray xp = x.copy();
            NDArray xm = x.copy();
            xp.set(i, x.get(i) + EPS);
            xm.set(i, x.get(i) - EPS);
            plus[wrt] = xp;
            minus[wrt] = xm;
            double numeric = (f.call(plus).doubleValue() - f.call(minus).doubleValue()) / (2 * EPS);
            assertThat(Math.abs(analytic.get(i) - numeric))
                    .as("gradient element %d: analytic %s vs numeric %s", i, analytic.get(i), numeric)
                    .isLessThanOrEqualTo(1e-6 * Math.abs(numeric) + 1e-8);
        }
    }
}
