package org.gradus.ops.indexing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.gradus.DTypeException;
import org.gradus.Gradus;
import org.gradus.GradusException;
import org.gradus.ShapeException;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.Slice;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;
import org.junit.jupiter.api.Test;

class SubtensorTest {
    private static final int U = TensorType.UNKNOWN;
    private final Random rng = new Random(42);

    private static NDArray eval(TensorVariable expr, List<TensorVariable> inputs, Object... args) {
        return Gradus.function(inputs, expr).call(args);
    }

    /** The elements of a 3×4 array at the given rows and columns, by hand. */
    private static double[] pick(NDArray x, int[] rows, int[] cols) {
        double[] out = new double[rows.length * cols.length];
        int k = 0;
        for (int r : rows) {
            for (int c : cols) {
                out[k++] = x.get(r * x.dim(1) + c);
            }
        }
        return out;
    }

    @Test
    void pointsAndSlicesOnAMatrix() {
        var x = T.matrix("x");
        NDArray xv = GradCheck.random(rng, 3, 4);
        NDArray row = eval(x.get(1), List.of(x), xv);
        assertThat(row.shape()).containsExactly(4);
        assertThat(row.toDoubleArray()).containsExactly(pick(xv, new int[] {1}, new int[] {0, 1, 2, 3}));
        NDArray scalar = eval(x.get(-1, 2), List.of(x), xv);
        assertThat(scalar.shape()).isEmpty();
        assertThat(scalar.doubleValue()).isEqualTo(xv.get(2 * 4 + 2));
        NDArray block = eval(x.get(T.slice(1, null), T.slice(null, null, 2)), List.of(x), xv);
        assertThat(block.shape()).containsExactly(2, 2);
        assertThat(block.toDoubleArray()).containsExactly(pick(xv, new int[] {1, 2}, new int[] {0, 2}));
        NDArray column = eval(x.get(Slice.ALL, -3), List.of(x), xv);
        assertThat(column.toDoubleArray()).containsExactly(pick(xv, new int[] {0, 1, 2}, new int[] {1}));
    }

    @Test
    void negativeStepsAndTrailingAxesOfATensor3() {
        var x = T.tensor3("x");
        NDArray xv = GradCheck.random(rng, 2, 3, 5);
        NDArray out = eval(x.get(T.slice(null, null, -1), T.slice(2, 0, -1), T.slice(4, null, -2)), List.of(x), xv);
        assertThat(out.shape()).containsExactly(2, 2, 3);
        int[] is = {1, 0};
        int[] js = {2, 1};
        int[] ks = {4, 2, 0};
        int n = 0;
        for (int i : is) {
            for (int j : js) {
                for (int k : ks) {
                    assertThat(out.get(n++)).isEqualTo(xv.get(i * 15 + j * 5 + k));
                }
            }
        }
        NDArray rest = eval(x.get(1, T.slice(0, 3, 2)), List.of(x), xv);
        assertThat(rest.shape()).containsExactly(2, 5);
        n = 0;
        for (int j : new int[] {0, 2}) {
            for (int k = 0; k < 5; k++) {
                assertThat(rest.get(n++)).isEqualTo(xv.get(15 + j * 5 + k));
            }
        }
    }

    @Test
    void sliceBoundsAreClampedLikeNumPy() {
        var x = T.matrix("x");
        NDArray xv = GradCheck.random(rng, 3, 4);
        assertThat(eval(x.get(T.slice(-10, 10)), List.of(x), xv).toDoubleArray()).containsExactly(xv.toDoubleArray());
        assertThat(eval(x.get(T.slice(5, null)), List.of(x), xv).shape()).containsExactly(0, 4);
        NDArray reversed = eval(x.get(T.slice(10, -10, -1), T.slice(-1, -3, -1)), List.of(x), xv);
        assertThat(reversed.toDoubleArray()).containsExactly(pick(xv, new int[] {2, 1, 0}, new int[] {3, 2}));
        assertThat(eval(x.get(Slice.ALL, T.slice(1, 1)), List.of(x), xv).shape()).containsExactly(3, 0);
    }

    @Test
    void symbolicScalarIndexAndSymbolicSliceBounds() {
        var x = T.matrix("x");
        var i = T.lscalar("i");
        NDArray xv = GradCheck.random(rng, 3, 4);
        NDArray row = eval(x.get(i), List.of(x, i), xv, -2);
        assertThat(row.toDoubleArray()).containsExactly(pick(xv, new int[] {1}, new int[] {0, 1, 2, 3}));
        var a = T.lscalar("a");
        var b = T.iscalar("b");
        var s = T.lscalar("s");
        TensorVariable cols = x.get(Slice.ALL, T.slice(a, b, s));
        NDArray out = eval(cols, List.of(x, a, b, s), xv, 3, 0, -2);
        assertThat(out.shape()).containsExactly(3, 2);
        assertThat(out.toDoubleArray()).containsExactly(pick(xv, new int[] {0, 1, 2}, new int[] {3, 1}));
        assertThat(eval(cols, List.of(x, a, b, s), xv, 0, 4, 3).toDoubleArray())
                .containsExactly(pick(xv, new int[] {0, 1, 2}, new int[] {0, 3}));
    }

    @Test
    void staticShapesAndOpEquality() {
        var x = T.tensor(DType.FLOAT32, "x", 3, 4);
        var i = T.lscalar("i");
        assertThat(x.get(1, T.slice(1, null)).type()).isEqualTo(TensorType.of(DType.FLOAT32, 3));
        assertThat(x.get(i).type()).isEqualTo(TensorType.of(DType.FLOAT32, 4));
        assertThat(x.get(T.slice(i, null), T.slice(null, null, -3)).type())
                .isEqualTo(TensorType.of(DType.FLOAT32, U, 2));
        assertThat(T.matrix("m").get(T.slice(0, 2)).type().shape()).containsExactly(U, U);
        assertThat(x.get(1, T.slice(0, 2)).owner().op()).isEqualTo(x.get(1, T.slice(0, 2)).owner().op());
        assertThat(x.get(1, T.slice(0, 2)).owner().op()).isNotEqualTo(x.get(2, T.slice(0, 2)).owner().op());
        assertThat(x.get(-1, T.slice(null, null, -1)).owner().op().name()).isEqualTo("Subtensor{-1, ::-1}");
    }

    @Test
    void integerTensorsKeepTheirDTypeAndExactValues() {
        var v = T.lvector("v");
        long big = (1L << 60) + 1;
        NDArray out = eval(v.get(T.slice(1, null)), List.of(v), NDArray.of(new long[] {3, big, -5}));
        assertThat(out.dtype()).isEqualTo(DType.INT64);
        assertThat(out.getLong(0)).isEqualTo(big);
        assertThat(out.getLong(1)).isEqualTo(-5);
    }

    @Test
    void outOfRangeIndicesFailWithAxisIndexAndLength() {
        var x = T.matrix("x");
        NDArray xv = GradCheck.random(rng, 3, 4);
        assertThatThrownBy(() -> eval(x.get(1, 4), List.of(x), xv)).isInstanceOf(GradusException.class)
                .hasMessageContaining("index 4 is out of bounds for axis 1 with length 4");
        var i = T.lscalar("i");
        assertThatThrownBy(() -> eval(x.get(i), List.of(x, i), xv, -4))
                .hasMessageContaining("index -4 is out of bounds for axis 0 with length 3");
        var known = T.tensor(DType.FLOAT64, "k", 3, 4);
        assertThatThrownBy(() -> known.get(3)).isInstanceOf(GradusException.class)
                .hasMessageContaining("index 3 is out of bounds for axis 0 with length 3");
    }

    @Test
    void invalidIndicesAreRejectedWithClearMessages() {
        var x = T.matrix("x");
        assertThatThrownBy(() -> x.get(0, 1, 2)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("too many indices (3)");
        assertThatThrownBy(() -> x.get(T.scalar("f"))).isInstanceOf(DTypeException.class)
                .hasMessageContaining("must be an integer tensor");
        assertThatThrownBy(() -> x.get(T.tensor(DType.BOOL, "mask", 3))).isInstanceOf(DTypeException.class)
                .hasMessageContaining("boolean mask indexing is not supported");
        assertThatThrownBy(() -> x.get(1.5)).isInstanceOf(GradusException.class)
                .hasMessageContaining("is a Double");
        assertThatThrownBy(() -> x.get(T.slice(0, 2, 0))).hasMessageContaining("step cannot be zero");
        assertThatThrownBy(() -> x.get(T.slice(T.scalar("lo"), null))).isInstanceOf(DTypeException.class)
                .hasMessageContaining("slice bound");
        assertThatThrownBy(() -> x.get(T.imatrix("m"))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("only int scalars and int vectors");
    }

    @Test
    void gradientOfBasicIndexingMatchesFiniteDifferences() {
        var x = T.matrix("x");
        var a = T.lscalar("a");
        NDArray xv = GradCheck.random(rng, 3, 4);
        GradCheck.check(List.of(x, a), x.get(T.slice(a, null), T.slice(null, null, -2)), 0, xv, 1L);
        GradCheck.check(List.of(x, a), x.get(a, -1), 0, xv, 2L);
        var t = T.tensor3("t");
        NDArray tv = GradCheck.random(rng, 2, 3, 5);
        GradCheck.check(List.of(t), t.get(-1, T.slice(2, 0, -1)), 0, tv);
    }

    @Test
    void gradientScattersIntoZerosOutsideTheRegion() {
        var x = T.matrix("x");
        NDArray g = eval(T.grad(x.get(1, T.slice(1, 3)).sum(), x), List.of(x), GradCheck.random(rng, 3, 4));
        assertThat(g.shape()).containsExactly(3, 4);
        assertThat(g.toDoubleArray()).containsExactly(new double[] {0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0}, within(0.0));
    }
}
