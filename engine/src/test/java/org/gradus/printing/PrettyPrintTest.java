package org.gradus.printing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gradus.Gradus;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;

/** Golden strings for {@link Printing#pp}. */
class PrettyPrintTest {

    @Test
    void floatConstantTimesNamedScalar() {
        var x = T.scalar("x");
        assertThat(Printing.pp(T.constant(2.0).mul(x))).isEqualTo("(2.0 * x)");
        assertThat(Printing.pp(x.mul(2.0))).isEqualTo("(x * 2.0)");
    }

    @Test
    void weakIntegerConstantPrintsWithoutDecimals() {
        var x = T.scalar("x");
        assertThat(Printing.pp(x.add(1))).isEqualTo("(x + 1)");
        assertThat(Printing.pp(T.constant(1).div(x))).isEqualTo("(1 / x)");
    }

    @Test
    void everyInfixOperatorIsParenthesized() {
        var x = T.scalar("x");
        var y = T.scalar("y");
        var e = x.sub(y).div(x.pow(y)).add(x.mod(y));
        assertThat(Printing.pp(e)).isEqualTo("(((x - y) / (x ** y)) + (x % y))");
        assertThat(Printing.pp(x.lt(y))).isEqualTo("(x < y)");
    }

    @Test
    void negationIsPrefixAndOtherUnaryOpsAreCalls() {
        var x = T.vector("x");
        assertThat(Printing.pp(x.neg())).isEqualTo("(-x)");
        assertThat(Printing.pp(T.exp(x.mul(2.0).neg()))).isEqualTo("exp((-(x * 2.0)))");
        assertThat(Printing.pp(T.sigmoid(T.tanh(x)))).isEqualTo("sigmoid(tanh(x))");
    }

    @Test
    void structuredOpsPrintAsCalls() {
        var w = T.matrix("W");
        var v = T.vector("v");
        var b = T.vector("b");
        assertThat(Printing.pp(T.dot(w, v))).isEqualTo("dot(W, v)");
        assertThat(Printing.pp(T.transpose(w))).isEqualTo("transpose(W)");
        assertThat(Printing.pp(b.dimshuffle(-1, 0))).isEqualTo("dimshuffle{x,0}(b)");
        assertThat(Printing.pp(T.sum(T.dot(w.transpose(), v).add(b)))).isEqualTo("sum((dot(transpose(W), v) + b))");
    }

    @Test
    void fullReductionIsPlainSumAndPartialShowsAxes() {
        var x = T.tensor3("x");
        assertThat(Printing.pp(T.sum(x))).isEqualTo("sum(x)");
        assertThat(Printing.pp(T.sum(x, 0, 2))).isEqualTo("sum[0,2](x)");
    }

    @Test
    void unnamedRootsPrintAsPlaceholders() {
        assertThat(Printing.pp(T.matrix().add(T.vector("b")))).isEqualTo("(<float64 matrix> + b)");
        assertThat(Printing.pp(T.tensor(DType.INT32, 2, 3, 4))).isEqualTo("<int32 tensor3>");
        var w = Gradus.shared(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertThat(Printing.pp(w.mul(T.scalar("c")))).isEqualTo("(<shared float64 matrix> * c)");
        assertThat(Printing.pp(Gradus.shared(new double[] {1, 2}, "bias"))).isEqualTo("bias");
    }

    @Test
    void constantsPrintTheirValueWhenSmall() {
        var x = T.vector("x");
        assertThat(Printing.pp(x.add(T.constant(new double[] {1.5, -2})))).isEqualTo("(x + [ 1.5 -2. ])");
        assertThat(Printing.pp(T.constant(new double[][] {{1, 2, 3}, {4, 5, 6}}).mul(T.matrix("m"))))
                .isEqualTo("([[1. 2. 3.] [4. 5. 6.]] * m)");
        assertThat(Printing.pp(T.constant(new double[3][4]).mul(T.matrix("m"))))
                .isEqualTo("(<constant float64 (3, 4)> * m)");
        assertThat(Printing.pp(T.constant(0.5, DType.FLOAT64, "half").mul(x))).isEqualTo("(half * x)");
    }

    @Test
    void namedIntermediatesStillShowTheirExpression() {
        var x = T.scalar("x");
        TensorVariable h = x.mul(x).setName("h");
        assertThat(Printing.pp(h.add(h))).isEqualTo("((x * x) + (x * x))");
    }

    @Test
    void aDeepChainPrintsWithoutRecursion() {
        TensorVariable e = T.scalar("x");
        for (int i = 0; i < 3000; i++) {
            e = e.neg();
        }
        boolean same = Printing.pp(e).equals("(-".repeat(3000) + "x" + ")".repeat(3000));
        assertThat(same).as("3000 nested negations").isTrue();
    }

    @Test
    void nullIsRejectedWithTheMethodName() {
        assertThatThrownBy(() -> Printing.pp(null)).hasMessageContaining("Printing.pp");
    }
}
