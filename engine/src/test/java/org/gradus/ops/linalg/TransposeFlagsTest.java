package org.gradus.ops.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * gemm and gemv with transpose flags: values equal the product of the explicitly transposed operands,
 * and the gradients with respect to every operand match central differences.
 */
class TransposeFlagsTest {
    private static final double EPS = 1e-6;

    private static NDArray random(long seed, int... shape) {
        Random r = new Random(seed);
        NDArray x = NDArray.zeros(DType.FLOAT64, shape);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, r.nextDouble() * 2 - 1);
        }
        return x;
    }

    private static TensorVariable op(TensorVariable x, boolean trans) {
        return trans ? T.transpose(x) : x;
    }

    @ParameterizedTest(name = "transA={0} transB={1} bias={2}")
    @CsvSource({"false, false, false", "true, false, false", "false, true, true", "true, true, false", "true, true, true"})
    void gemmWithFlagsMatchesTheTransposedProductAndItsGradients(boolean ta, boolean tb, boolean bias) {
        TensorVariable a = T.dmatrix("a");
        TensorVariable b = T.dmatrix("b");
        TensorVariable c = bias ? T.dvector("c") : T.dmatrix("c");
        TensorVariable alpha = T.constant(0.7, DType.FLOAT64);
        TensorVariable beta = T.constant(-1.3, DType.FLOAT64);
        TensorVariable out = new Gemm(ta, tb).apply(c, alpha, a, b, beta);
        TensorVariable expected = T.add(T.mul(alpha, T.dot(op(a, ta), op(b, tb))), T.mul(beta, c));
        NDArray av = ta ? random(1, 5, 3) : random(1, 3, 5);
        NDArray bv = tb ? random(2, 4, 5) : random(2, 5, 4);
        NDArray cv = bias ? random(3, 4) : random(3, 3, 4);
        List<TensorVariable> in = List.of(a, b, c);
        NDArray got = Gradus.function(in, out).call(av, bv, cv);
        assertThat(got.allClose(Gradus.function(in, expected).call(av, bv, cv), 1e-12, 1e-12)).isTrue();
        TensorVariable cost = T.sum(T.mul(out, T.constant(random(4, 3, 4))));
        for (int wrt = 0; wrt < 3; wrt++) {
            checkGradient(in, cost, wrt, av, bv, cv);
        }
    }

    @ParameterizedTest(name = "transA={0}")
    @CsvSource({"false", "true"})
    void gemvWithFlagMatchesTheTransposedProductAndItsGradients(boolean ta) {
        TensorVariable a = T.dmatrix("a");
        TensorVariable x = T.dvector("x");
        TensorVariable y = T.dvector("y");
        TensorVariable out = new Gemv(ta).apply(y, T.constant(2.0, DType.FLOAT64), a, x, T.constant(0.5, DType.FLOAT64));
        NDArray av = ta ? random(5, 4, 3) : random(5, 3, 4);
        NDArray xv = random(6, 4);
        NDArray yv = random(7, 3);
        List<TensorVariable> in = List.of(a, x, y);
        NDArray got = Gradus.function(in, out).call(av, xv, yv);
        NDArray want = Gradus.function(in, T.add(T.mul(2.0, T.dot(op(a, ta), x)), T.mul(0.5, y))).call(av, xv, yv);
        assertThat(got.allClose(want, 1e-12, 1e-12)).isTrue();
        TensorVariable cost = T.sum(T.mul(out, T.constant(random(8, 3))));
        for (int wrt = 0; wrt < 3; wrt++) {
            checkGradient(in, cost, wrt, av, xv, yv);
        }
    }

    private static void checkGradient(List<TensorVariable> inputs, TensorVariable cost, int wrt, NDArray... values) {
        Function f = Gradus.function(inputs, cost);
        NDArray analytic = Gradus.function(inputs, T.grad(cost, inputs.get(wrt))).call((Object[]) values);
        NDArray x = values[wrt];
        assertThat(analytic.shape()).containsExactly(x.shape());
        for (int i = 0; i < x.size(); i++) {
            Object[] plus = values.clone();
            Object[] minus = values.clone();
            NDArray p = x.copy();
            NDArray m = x.copy();
            p.set(i, x.get(i) + EPS);
            m.set(i, x.get(i) - EPS);
            plus[wrt] = p;
            minus[wrt] = m;
            double numeric = (f.call(plus).doubleValue() - f.call(minus).doubleValue()) / (2 * EPS);
            assertThat(analytic.get(i)).as("input %d element %d", wrt, i)
                    .isCloseTo(numeric, org.assertj.core.api.Assertions.within(1e-6 * Math.abs(numeric) + 1e-8));
        }
    }
}
