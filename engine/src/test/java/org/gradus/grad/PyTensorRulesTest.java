package org.gradus.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gradus.Gradus;
import org.gradus.ShapeException;
import org.gradus.compile.Function;
import org.gradus.ops.random.RandomStreams;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;
import org.junit.jupiter.api.Test;

/** Semantics that follow PyTensor's rules; each test is named after the PyTensor test it mirrors. */
class PyTensorRulesTest {

    /** tests/test_gradient.py::test_dxdx: the gradient of an integer scalar with respect to itself is 1.0. */
    @Test
    void testDxdx() {
        TensorVariable x = T.iscalar("x");
        TensorVariable g = T.grad(x, x);
        assertThat(g.dtype().isFloat()).isTrue();
        assertThat(Gradus.functionBuilder(List.of(x)).outputs(g).build().call(12).doubleValue()).isEqualTo(1.0);
    }

    /** An integer cost is differentiable (PyTensor seeds it with a float 1); through a cast to int it gives 0. */
    @Test
    void testGradIntCost() {
        TensorVariable x = T.dvector("x");
        TensorVariable cost = T.sum(T.cast(T.mul(x, 2), DType.INT32));
        TensorVariable g = T.grad(cost, x);
        assertThat(g.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(Gradus.functionBuilder(List.of(x)).outputs(g).build().call(NDArray.of(new double[] {1.5, -2}))
                .toDoubleArray()).containsExactly(0, 0);
    }

    /** tests/test_gradient.py::TestGrad::test_grad_int: the gradient with respect to an integer equals it as a float. */
    @Test
    void testGradInt() {
        Random rnd = new Random(2012);
        double[][] w = new double[3][4];
        double[] b = new double[4];
        int[][] x = new int[5][3];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = (int) Math.round(rnd.nextGaussian() * 3);
            }
        }
        for (int j = 0; j < 4; j++) {
            b[j] = rnd.nextGaussian();
            for (int i = 0; i < 3; i++) {
                w[i][j] = rnd.nextGaussian() * 0.3;
            }
        }
        NDArray ints = NDArray.of(x);
        NDArray intGrad = gradOfSigmoidLayer(T.imatrix("X"), ints, w, b);
        NDArray floatGrad = gradOfSigmoidLayer(T.dmatrix("X"), ints.astype(DType.FLOAT64), w, b);
        assertThat(intGrad.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(intGrad.allClose(floatGrad, 1e-12, 1e-12)).as("%s vs %s", intGrad, floatGrad).isTrue();
        assertThat(intGrad.allClose(NDArray.zeros(DType.FLOAT64, 5, 3), 0, 1e-6)).isFalse();
    }

    private static NDArray gradOfSigmoidLayer(TensorVariable x, NDArray xv, double[][] w, double[] b) {
        TensorVariable wv = T.dmatrix("W");
        TensorVariable bv = T.dvector("b");
        TensorVariable cost = T.sum(T.sigmoid(T.add(T.dot(x, wv), bv)));
        return Gradus.functionBuilder(List.of(x, wv, bv)).outputs(T.grad(cost, x)).build().call(xv, NDArray.of(w), NDArray.of(b));
    }

    /** tests/compile/test_maker.py::test_update_err_broadcast: a (1, 1) update of a (10, 10) variable is refused. */
    @Test
    void testUpdateErrBroadcast() {
        SharedVariable out = Gradus.shared(new double[10][10], "output");
        TensorVariable update = T.dimshuffle(T.sum(out), -1, -1);
        assertThatThrownBy(() -> Gradus.functionBuilder(List.of()).updates(Map.of(out, update)).build())
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("'output'").hasMessageContaining("(1, 1)").hasMessageContaining("[10, 10]")
                .hasMessageContaining("would shrink").hasMessageContaining("PyTensorRulesTest.java");
        assertThat(out.getValue().shape()).containsExactly(10, 10);
        // a (1, n) variable may still take a (1, ?) update
        SharedVariable row = Gradus.shared(new double[][] {{1, 2, 3}}, "row");
        Function f = Gradus.functionBuilder(List.of()).updates(Map.of(row, T.sum(T.mul(row, 2), new int[] {0}, true))).build();
        f.callAll();
        assertThat(row.getValue().toDoubleMatrix()).isDeepEqualTo(new double[][] {{2, 4, 6}});
    }

    /** tests/tensor/test_math.py::TestDot::test_broadcastable_patterns: each gradient keeps its operand's static 1s. */
    @Test
    void testBroadcastablePatterns() {
        int u = TensorType.UNKNOWN;
        int[][] patterns = {{1}, {u}, {1, 1}, {1, u}, {u, 1}, {u, u}};
        for (int[] p0 : patterns) {
            for (int[] p1 : patterns) {
                TensorVariable x = T.tensor(DType.FLOAT64, "x", p0);
                TensorVariable y = T.tensor(DType.FLOAT64, "y", p1);
                List<TensorVariable> g = T.grad(T.sum(T.dot(x, y)), List.of(x, y));
                assertThat(isSuper(p0, g.get(0).type().shape())).as("d/dx of dot(%s, %s): %s", x.type(), y.type(), g.get(0).type()).isTrue();
                assertThat(isSuper(p1, g.get(1).type().shape())).as("d/dy of dot(%s, %s): %s", x.type(), y.type(), g.get(1).type()).isTrue();
            }
        }
        TensorVariable x = T.tensor(DType.FLOAT64, "x", 1, u);
        TensorVariable y = T.tensor(DType.FLOAT64, "y", u, 1);
        T.verifyGrad(v -> T.sum(T.dot(v.get(0), v.get(1))), List.of(new double[][] {{1, 2, 3}}, new double[][] {{4}, {5}, {6}}));
        assertThat(T.grad(T.sum(T.dot(x, y)), x).type().shape()).containsExactly(1, u);
    }

    /** PyTensor's {@code is_super}: the operand's type admits the gradient's (same rank, every known length kept). */
    private static boolean isSuper(int[] operand, int[] grad) {
        if (operand.length != grad.length) {
            return false;
        }
        for (int a = 0; a < operand.length; a++) {
            if (operand[a] != TensorType.UNKNOWN && operand[a] != grad[a]) {
                return false;
            }
        }
        return true;
    }

    /** tests/scalar/test_basic.py's upgrade_to_float rule: sqrt of uint8 and bool is float32, of wider ints floatX. */
    @Test
    void testUpgradeToFloat() {
        TensorVariable small = T.tensor(DType.UINT8, "u", TensorType.UNKNOWN);
        TensorVariable wide = T.tensor(DType.INT32, "i", TensorType.UNKNOWN);
        assertThat(T.sqrt(small).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(T.sqrt(T.tensor(DType.BOOL, "b")).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(T.sqrt(wide).dtype()).isEqualTo(DType.FLOAT64);
        NDArray r = Gradus.functionBuilder(List.of(small)).outputs(T.sqrt(small)).build()
                .call(NDArray.of(new int[] {0, 4, 255}).astype(DType.UINT8));
        assertThat(r.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(r.toDoubleArray()).containsExactly(new double[] {0, 2, (float) Math.sqrt(255)}, org.assertj.core.data.Offset.offset(1e-6));
    }

    /** tests/tensor/random/test_basic.py's static shapes: a draw of shape (n, 1) keeps its static 1. */
    @Test
    void testNormalShapeKeepsStaticOne() {
        TensorVariable x = T.dmatrix("x");
        RandomStreams rs = new RandomStreams(7);
        TensorVariable noise = rs.normal(new Object[] {x.shape(0), 1}, 0, 1);
        assertThat(noise.type().shape()).containsExactly(TensorType.UNKNOWN, 1);
        NDArray v = Gradus.functionBuilder(List.of(x)).outputs(T.add(x, noise)).build().call(NDArray.zeros(DType.FLOAT64, 4, 3));
        double[][] m = v.toDoubleMatrix();
        assertThat(m).hasNumberOfRows(4);
        for (double[] row : m) {
            assertThat(row[0]).isEqualTo(row[1]).isEqualTo(row[2]);
        }
    }
}
