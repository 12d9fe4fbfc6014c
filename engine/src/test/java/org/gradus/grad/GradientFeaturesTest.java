package org.gradus.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.gradus.GradientException;
import org.gradus.Gradus;
import org.gradus.TestValues;
import org.gradus.compile.Function;
import org.gradus.compile.Mode;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.junit.jupiter.api.Test;

/** Higher derivatives, Jacobians and Hessians, gradient stops, givens, modes and a composite layer. */
class GradientFeaturesTest {

    @Test
    void secondDerivativeOfCubeAndOfSigmoid() {
        TensorVariable x = T.dscalar("x");
        TensorVariable d2 = T.grad(T.grad(x.pow(3), x), x);
        assertThat(Gradus.function(List.of(x), d2).call(2.0).doubleValue()).isCloseTo(12, within(1e-12));
        TensorVariable s = T.sigmoid(x);
        TensorVariable s2 = T.grad(T.grad(s, x), x);
        Function f = Gradus.function(List.of(x), s2);
        for (double v : new double[] {-1.5, 0.3, 2.0}) {
            double sig = 1 / (1 + Math.exp(-v));
            double expected = sig * (1 - sig) * (1 - 2 * sig);
            assertThat(f.call(v).doubleValue()).as("sigmoid''(" + v + ")").isCloseTo(expected, within(1e-14));
        }
        // the first derivative is itself an expression whose gradient verifyGrad can check
        VerifyGrad.verifyGradSingleInput(v -> T.grad(T.sum(T.tanh(v).mul(v)), v), new double[] {0.3, -1.2, 0.8});
    }

    @Test
    void jacobianOfAVectorExpression() {
        TensorVariable x = T.dvector("x");
        TensorVariable y = T.sqr(x).mul(T.sum(x));
        NDArray j = TestValues.run(List.of(x), T.jacobian(y, x), (Object) new double[] {1, 2, 3});
        assertThat(j.shape()).containsExactly(3, 3);
        // y_i = x_i^2 s with s = sum(x): dy_i/dx_k = 2 x_i s [i == k] + x_i^2
        double[] xv = {1, 2, 3};
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                double expected = (i == k ? 2 * xv[i] * 6 : 0) + xv[i] * xv[i];
                assertThat(j.getAt(i, k)).as("J[" + i + ", " + k + "]").isCloseTo(expected, within(1e-12));
            }
        }
        TensorVariable m = T.matrix("m");
        NDArray jm = TestValues.run(List.of(x, m), T.jacobian(T.dot(m, x), x), new double[] {1, 2, 3},
                new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertThat(jm.shape()).containsExactly(2, 3);
        assertThat(jm.toDoubleArray()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void hessianOfAQuadraticFormIsASymmetrizedA() {
        TensorVariable x = T.dvector("x");
        TensorVariable a = T.dmatrix("A");
        double[][] av = {{2, 1, 0}, {3, 4, -1}, {0, 5, 6}};
        TensorVariable quad = T.dot(x, T.dot(a, x));
        NDArray h = TestValues.run(List.of(x, a), T.hessian(quad, x), new double[] {0.5, -1, 2}, av);
        assertThat(h.shape()).containsExactly(3, 3);
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                assertThat(h.getAt(i, k)).as("H[" + i + ", " + k + "]").isEqualTo(av[i][k] + av[k][i], within(1e-12));
            }
        }
        assertThatThrownBy(() -> T.hessian(x.mul(2), x)).isInstanceOf(GradientException.class)
                .hasMessageContaining("must be a scalar");
    }

    @Test
    void zeroGradAndDisconnectedGradStopGradients() {
        TensorVariable x = T.dvector("x");
        TensorVariable y = T.dvector("y");
        TensorVariable stopped = T.sum(T.zeroGrad(x.mul(x)).mul(y)).add(T.sum(x));
        NDArray g = TestValues.run(List.of(x, y), T.grad(stopped, x), new double[] {1, 2}, new double[] {3, 4});
        assertThat(g.toDoubleArray()).as("only the direct sum contributes").containsExactly(1, 1);
        NDArray forward = TestValues.run(List.of(x), T.zeroGrad(x.mul(x)), (Object) new double[] {3, -2});
        assertThat(forward.toDoubleArray()).containsExactly(9, 4);
        TensorVariable cut = T.sum(T.disconnectedGrad(x).mul(y));
        assertThatThrownBy(() -> T.grad(cut, x)).isInstanceOf(GradientException.class)
                .hasMessageContaining("does not depend on 'x'");
        TensorVariable zeros = T.grad(cut, List.of(x),
                GradOptions.DEFAULT.disconnectedInputs(GradOptions.DisconnectedInputs.ZERO)).get(0);
        assertThat(TestValues.run(List.of(x, y), zeros, new double[] {1, 2}, new double[] {3, 4}).toDoubleArray())
                .containsExactly(0, 0);
        assertThat(TestValues.run(List.of(x, y), T.grad(cut, y), new double[] {1, 2}, new double[] {3, 4})
                .toDoubleArray()).containsExactly(1, 2);
        TensorVariable zeroed = T.sum(T.zeroGrad(x).mul(y));
        assertThat(TestValues.run(List.of(x, y), T.grad(zeroed, x), new double[] {1, 2}, new double[] {3, 4})
                .toDoubleArray()).as("zeroGrad keeps x connected with a zero gradient").containsExactly(0, 0);
    }

    @Test
    void givensReplaceAnInputByAnExpressionOfAnother() {
        TensorVariable x = T.dvector("x");
        TensorVariable z = T.dvector("z");
        TensorVariable cost = T.sum(T.tanh(x));
        TensorVariable g = T.grad(cost, x);
        Function f = Gradus.functionBuilder(List.of(z)).outputs(cost, g).givens(Map.of(x, z.mul(2))).build();
        List<NDArray> out = f.callAll(new double[] {0.25, -0.5});
        assertThat(out.get(0).doubleValue()).isCloseTo(Math.tanh(0.5) + Math.tanh(-1), within(1e-15));
        assertThat(out.get(1).toDoubleArray()).containsExactly(new double[] {1 - Math.pow(Math.tanh(0.5), 2),
            1 - Math.pow(Math.tanh(-1), 2)}, within(1e-15));
    }

    @Test
    void unoptimizedAndDefaultModesAgreeOnARandomCompositeGraph() {
        TensorVariable x = T.matrix("x");
        TensorVariable w = T.matrix("w");
        TensorVariable b = T.vector("b");
        TensorVariable h = T.tanh(T.dot(x, w).add(b));
        TensorVariable e = T.exp(h.mul(0.5)).add(T.exp(h.mul(0.5)));
        TensorVariable out = T.sum(T.maximum(e, T.sigmoid(h)).mul(h).sub(T.log1p(T.sqr(x.sum(1)))
                .dimshuffle(0, -1)), 1).add(T.sum(T.sqr(w)).mul(0.1));
        TensorVariable grad = T.grad(T.sum(out), w);
        Object[] args = {TestValues.uniform(61, -1, 1, 4, 3), TestValues.uniform(62, -1, 1, 3, 5),
            TestValues.uniform(63, -1, 1, 5)};
        List<NDArray> plain = Gradus.functionBuilder(List.of(x, w, b)).outputs(out, grad).mode(Mode.NONE).build()
                .callAll(args);
        Function fast = Gradus.functionBuilder(List.of(x, w, b)).outputs(out, grad).build();
        List<NDArray> optimized = fast.callAll(args);
        assertThat(fast.mode()).isEqualTo(Mode.FAST_RUN);
        assertThat(optimized.get(0).shape()).containsExactly(4);
        assertThat(optimized.get(0).toDoubleArray()).containsExactly(plain.get(0).toDoubleArray(), within(1e-13));
        assertThat(optimized.get(1).toDoubleArray()).containsExactly(plain.get(1).toDoubleArray(), within(1e-13));
    }

    @Test
    void mlpLayerGradientIsCheckedNumerically() {
        NDArray x = TestValues.uniform(71, -1, 1, 4, 3);
        NDArray w = TestValues.uniform(72, -1, 1, 3, 5);
        NDArray b = TestValues.uniform(73, -0.5, 0.5, 5);
        VerifyGrad.verifyGrad(v -> T.sum(T.tanh(T.dot(v.get(0), v.get(1)).add(v.get(2)))),
                List.of(x, w, b));
        // the same layer without the sum: verifyGrad projects the 4x5 output randomly
        VerifyGrad.verifyGrad(v -> T.tanh(T.dot(v.get(0), v.get(1)).add(v.get(2))),
                List.of(x, w, b), VerifyGrad.Options.DEFAULT.withSeed(3));
    }
}
