package org.gradus.ops.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.gradus.Gradus;
import org.gradus.ShapeException;
import org.gradus.TestValues;
import org.gradus.grad.VerifyGrad;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;

/** T.dot for every vector/matrix combination, T.outer, their gradients and their shape errors. */
class DotContractTest {
    private final NDArray a34 = TestValues.uniform(51, -1, 1, 3, 4);
    private final NDArray b45 = TestValues.uniform(52, -1, 1, 4, 5);
    private final NDArray u4 = TestValues.uniform(53, -1, 1, 4);
    private final NDArray v3 = TestValues.uniform(54, -1, 1, 3);

    /** {@code a (m×k) · b (k×n)} with plain loops. */
    private static double[] product(NDArray a, NDArray b, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    c[i * n + j] += a.get(i * k + p) * b.get(p * n + j);
                }
            }
        }
        return c;
    }

    @Test
    void everyVectorMatrixCombination() {
        TensorVariable m = T.matrix("m");
        TensorVariable w = T.matrix("w");
        TensorVariable u = T.vector("u");
        TensorVariable v = T.vector("v");
        NDArray mm = TestValues.run(List.of(m, w), T.dot(m, w), a34, b45);
        assertThat(mm.shape()).containsExactly(3, 5);
        assertThat(mm.toDoubleArray()).containsExactly(product(a34, b45, 3, 4, 5), within(1e-14));
        NDArray mv = TestValues.run(List.of(m, u), T.dot(m, u), a34, u4);
        assertThat(mv.shape()).containsExactly(3);
        assertThat(mv.toDoubleArray()).containsExactly(product(a34, u4, 3, 4, 1), within(1e-14));
        NDArray vm = TestValues.run(List.of(u, w), T.dot(u, w), u4, b45);
        assertThat(vm.shape()).containsExactly(5);
        assertThat(vm.toDoubleArray()).containsExactly(product(u4, b45, 1, 4, 5), within(1e-14));
        NDArray vv = TestValues.run(List.of(u, v), T.dot(u, v), u4, u4);
        assertThat(vv.ndim()).isZero();
        assertThat(vv.doubleValue()).isCloseTo(product(u4, u4, 1, 4, 1)[0], within(1e-14));
        NDArray scaled = TestValues.run(List.of(m), T.dot(m, 2.0), a34);
        assertThat(scaled.get(5)).isEqualTo(2 * a34.get(5));
        assertThat(m.dot(w).type().ndim()).isEqualTo(2);
    }

    @Test
    void dtypesFollowUpcasting() {
        assertThat(T.dot(T.fmatrix("a"), T.fvector("b")).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(T.dot(T.fmatrix("a"), T.dvector("b")).dtype()).isEqualTo(DType.FLOAT64);
        TensorVariable i = T.imatrix("i");
        NDArray out = TestValues.run(List.of(i), T.dot(i, i), (Object) new int[][] {{1, 2}, {3, 4}});
        assertThat(out.dtype()).isEqualTo(DType.INT32);
        assertThat(out.toIntArray()).containsExactly(7, 10, 15, 22);
        TensorVariable f = T.fmatrix("f");
        NDArray single = TestValues.run(List.of(f), T.dot(f, T.transpose(f)), (Object) new float[][] {{0.1f, 0.2f}});
        assertThat(single.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(single.doubleValue()).isCloseTo(0.05, within(1e-7));
    }

    @Test
    void gradientsOfEveryCombination() {
        VerifyGrad.verifyGrad(x -> T.dot(x.get(0), x.get(1)), List.of(a34, b45));
        VerifyGrad.verifyGrad(x -> T.dot(x.get(0), x.get(1)), List.of(a34, u4));
        VerifyGrad.verifyGrad(x -> T.dot(x.get(0), x.get(1)), List.of(u4, b45));
        VerifyGrad.verifyGrad(x -> T.dot(x.get(0), x.get(1)), List.of(u4, u4.copy()));
        VerifyGrad.verifyGradSingleInput(x -> T.dot(x, x), u4);
        VerifyGrad.verifyGradSingleInput(x -> T.dot(T.transpose(x), x), a34);
    }

    @Test
    void outerProductValuesAndGradient() {
        TensorVariable p = T.vector("p");
        TensorVariable q = T.vector("q");
        NDArray out = TestValues.run(List.of(p, q), T.outer(p, q), v3, u4);
        assertThat(out.shape()).containsExactly(3, 4);
        assertThat(out.toDoubleArray()).containsExactly(product(v3, u4, 3, 1, 4), within(1e-15));
        VerifyGrad.verifyGrad(x -> T.outer(x.get(0), x.get(1)), List.of(v3, u4));
        assertThatThrownBy(() -> T.outer(T.matrix("m"), q)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("outer needs two vectors").hasMessageContaining("'m'");
    }

    @Test
    void misalignedShapesAreReportedStaticallyAndAtRunTime() {
        TensorVariable known = T.tensor(DType.FLOAT64, "x", 3, 4);
        TensorVariable wrong = T.tensor(DType.FLOAT64, "W", 5, 2);
        assertThatThrownBy(() -> T.dot(known, wrong)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("(3, 4)").hasMessageContaining("(5, 2)")
                .hasMessageContaining("has length 4").hasMessageContaining("has length 5")
                .hasMessageContaining("W needs as many rows as x has columns");
        TensorVariable m = T.matrix("m");
        TensorVariable w = T.matrix("w");
        var f = Gradus.function(List.of(m, w), T.dot(m, w));
        assertThatThrownBy(() -> f.callAll(a34, a34)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("[3, 4]").hasMessageContaining("not aligned")
                .hasMessageContaining("has length 4").hasMessageContaining("has length 3");
        TensorVariable u = T.vector("u");
        var g = Gradus.function(List.of(u, m), T.dot(u, m));
        assertThatThrownBy(() -> g.callAll(v3, b45)).isInstanceOf(ShapeException.class).hasMessageContaining("not aligned");
        assertThatThrownBy(() -> T.dot(T.tensor3("t"), m)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("vectors or matrices").hasMessageContaining("'t'");
    }
}
