package org.gradus.ops.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.gradus.DTypeException;
import org.gradus.Gradus;
import org.gradus.GradusException;
import org.gradus.ShapeException;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;
import org.junit.jupiter.api.Test;

/** Values, static types and errors of concatenate, stack, arange and eye. */
class ConcatenateAndRangesTest {
    private static final int U = TensorType.UNKNOWN;

    private static NDArray random(long seed, int... shape) {
        Random rng = new Random(seed);
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        double[] flat = new double[size];
        for (int i = 0; i < size; i++) {
            flat[i] = rng.nextGaussian();
        }
        return NDArray.fromFlat(DType.FLOAT64, shape, flat);
    }

    @Test
    void concatenateAlongTheFirstAxis() {
        TensorVariable a = T.tensor(DType.FLOAT64, "a", 2, 3);
        TensorVariable b = T.tensor(DType.FLOAT64, "b", U, 3);
        TensorVariable c = T.concatenate(List.of(a, b), 0);
        assertThat(c.type()).isEqualTo(TensorType.of(DType.FLOAT64, U, 3));
        NDArray av = random(1, 2, 3);
        NDArray bv = random(2, 4, 3);
        NDArray out = Gradus.function(List.of(a, b), c).callAll(av, bv).get(0);
        assertThat(out.shape()).containsExactly(6, 3);
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 2; i++) {
                assertThat(out.getAt(i, j)).isEqualTo(av.getAt(i, j));
            }
            for (int i = 0; i < 4; i++) {
                assertThat(out.getAt(2 + i, j)).isEqualTo(bv.getAt(i, j));
            }
        }
    }

    @Test
    void concatenateAlongTheLastAxisWithANegativeAxisOfThreeOperands() {
        TensorVariable a = T.tensor(DType.FLOAT64, "a", 2, 3, 1);
        TensorVariable b = T.tensor(DType.FLOAT64, "b", 2, 3, 4);
        TensorVariable c = T.tensor(DType.FLOAT64, "c", 2, U, 2);
        TensorVariable y = T.concatenate(List.of(a, b, c), -1);
        assertThat(y.type()).isEqualTo(TensorType.of(DType.FLOAT64, 2, 3, 7));
        assertThat(y.owner().op()).isEqualTo(new Concatenate(2));
        NDArray[] vals = {random(3, 2, 3, 1), random(4, 2, 3, 4), random(5, 2, 3, 2)};
        NDArray out = Gradus.function(List.of(a, b, c), y).callAll((Object[]) vals).get(0);
        assertThat(out.shape()).containsExactly(2, 3, 7);
        int[] widths = {1, 4, 2};
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                int k = 0;
                for (int v = 0; v < 3; v++) {
                    for (int w = 0; w < widths[v]; w++, k++) {
                        assertThat(out.getAt(i, j, k)).isEqualTo(vals[v].getAt(i, j, w));
                    }
                }
            }
        }
    }

    @Test
    void concatenateUpcastsAndKeepsIntegersExact() {
        TensorVariable ints = T.lvector("ints");
        TensorVariable small = T.ivector("small");
        TensorVariable joined = T.concatenate(List.of(ints, small), 0);
        assertThat(joined.dtype()).isEqualTo(DType.INT64);
        // built with setLong: a value above 2^53 that a double cannot hold
        NDArray big = NDArray.zeros(DType.INT64, 2);
        big.setLong(0, (1L << 60) + 1);
        big.setLong(1, 2);
        NDArray out = Gradus.function(List.of(ints, small), joined).callAll(big, new int[] {7}).get(0);
        assertThat(out.int64Data()).containsExactly((1L << 60) + 1, 2, 7);
        TensorVariable mixed = T.concatenate(List.of(T.constant(new int[] {1, 2}), T.constant(new double[] {0.5})), 0);
        assertThat(mixed.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(mixed.eval().toDoubleArray()).containsExactly(1, 2, 0.5);
    }

    @Test
    void concatenateReportsMismatchedShapes() {
        TensorVariable a = T.tensor(DType.FLOAT64, "a", 2, 3);
        TensorVariable b = T.tensor(DType.FLOAT64, "b", 2, 4);
        assertThatThrownBy(() -> T.concatenate(List.of(a, b), 0))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("operand 1 has shape (2, 4)")
                .hasMessageContaining("axis 1");
        assertThatThrownBy(() -> T.concatenate(List.of(a, T.dvector("v")), 0))
                .isInstanceOf(ShapeException.class).hasMessageContaining("same rank");
        assertThatThrownBy(() -> T.concatenate(List.of(a, b), 2))
                .isInstanceOf(ShapeException.class).hasMessageContaining("axis 2 is out of range");
        assertThatThrownBy(() -> T.concatenate(List.of(T.dscalar("s")), 0))
                .isInstanceOf(ShapeException.class).hasMessageContaining("scalars cannot be concatenated");
        assertThatThrownBy(() -> T.concatenate(List.of(), 0))
                .isInstanceOf(ShapeException.class).hasMessageContaining("at least one tensor");

        TensorVariable x = T.dmatrix("x");
        TensorVariable y = T.dmatrix("y");
        var f = Gradus.function(List.of(x, y), T.concatenate(List.of(x, y), 1));
        assertThatThrownBy(() -> f.callAll(random(6, 2, 3), random(7, 3, 3)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("operand 1 has shape [3, 3]")
                .hasMessageContaining("operand 0 has shape [2, 3]");
    }

    @Test
    void stackInsertsANewAxis() {
        TensorVariable a = T.tensor(DType.FLOAT64, "a", 2, 3);
        TensorVariable b = T.tensor(DType.FLOAT64, "b", U, 3);
        TensorVariable first = T.stack(List.of(a, b), 0);
        TensorVariable last = T.stack(List.of(a, b), -1);
        assertThat(first.type()).isEqualTo(TensorType.of(DType.FLOAT64, 2, 2, 3));
        assertThat(last.type()).isEqualTo(TensorType.of(DType.FLOAT64, 2, 3, 2));
        NDArray av = random(8, 2, 3);
        NDArray bv = random(9, 2, 3);
        List<NDArray> out = Gradus.function(List.of(a, b), List.of(first, last)).callAll(av, bv);
        assertThat(out.get(0).shape()).containsExactly(2, 2, 3);
        assertThat(out.get(1).shape()).containsExactly(2, 3, 2);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(out.get(0).getAt(0, i, j)).isEqualTo(av.getAt(i, j));
                assertThat(out.get(0).getAt(1, i, j)).isEqualTo(bv.getAt(i, j));
                assertThat(out.get(1).getAt(i, j, 0)).isEqualTo(av.getAt(i, j));
                assertThat(out.get(1).getAt(i, j, 1)).isEqualTo(bv.getAt(i, j));
            }
        }
        TensorVariable scalars = T.stack(List.of(T.constant(1.5), T.constant(2.5), T.constant(3.5)), 0);
        assertThat(scalars.type()).isEqualTo(TensorType.of(DType.FLOAT64, 3));
        assertThat(scalars.eval().toDoubleArray()).containsExactly(1.5, 2.5, 3.5);
    }

    @Test
    void stackReportsMismatchedOperands() {
        TensorVariable a = T.tensor(DType.FLOAT64, "a", 2, 3);
        assertThatThrownBy(() -> T.stack(List.of(a, T.dvector("v")), 0))
                .isInstanceOf(ShapeException.class).hasMessageContaining("operand 1 has shape (?,)");
        assertThatThrownBy(() -> T.stack(List.of(a, T.tensor(DType.FLOAT64, "b", 3, 2)), 1))
                .isInstanceOf(ShapeException.class).hasMessageContaining("operand 1");
        assertThatThrownBy(() -> T.stack(List.of(a, a), 3))
                .isInstanceOf(ShapeException.class).hasMessageContaining("axis 3 is out of range");
    }

    @Test
    void arangeWithConstantBoundsHasAStaticLength() {
        TensorVariable r = T.arange(2, 11, 3);
        assertThat(r.type()).isEqualTo(TensorType.of(DType.INT64, 3));
        assertThat(r.eval().int64Data()).containsExactly(2, 5, 8);
        assertThat(T.arange(5).eval().int64Data()).containsExactly(0, 1, 2, 3, 4);
        assertThat(T.arange(5, -2, -2).eval().int64Data()).containsExactly(5, 3, 1, -1);
        assertThat(T.arange(3, 1, 1).eval().size()).isZero();
        assertThat(T.arange(3, 1, 1).type().dim(0)).isZero();
    }

    @Test
    void arangeWithASymbolicStop() {
        TensorVariable x = T.dmatrix("x");
        TensorVariable n = T.lscalar("n");
        var f = Gradus.function(List.of(x), T.arange(T.shape(x).sum()));
        assertThat(f.call(random(1, 3, 4)).int64Data()).containsExactly(0, 1, 2, 3, 4, 5, 6);
        TensorVariable down = T.arange(n, 0, -3);
        assertThat(down.type()).isEqualTo(TensorType.of(DType.INT64, U));
        assertThat(Gradus.function(List.of(n), down).call(10L).int64Data()).containsExactly(10, 7, 4, 1);
        TensorVariable step = T.lscalar("step");
        var g = Gradus.function(List.of(step), T.arange(0, 4, step));
        assertThatThrownBy(() -> g.call(0L)).isInstanceOf(GradusException.class).hasMessageContaining("step must not be zero");
    }

    @Test
    void arangeRejectsZeroStepsAndNonIntegers() {
        assertThatThrownBy(() -> T.arange(0, 4, 0)).isInstanceOf(GradusException.class).hasMessageContaining("zero");
        assertThatThrownBy(() -> T.arange(T.dscalar("d"))).isInstanceOf(DTypeException.class)
                .hasMessageContaining("arange stop must be an integer");
        assertThatThrownBy(() -> T.arange(T.lvector("v"))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("must be a scalar");
        assertThatThrownBy(() -> T.arange(2.5)).isInstanceOf(DTypeException.class);
    }

    @Test
    void eyeOfConstantAndSymbolicSize() {
        TensorVariable e = T.eye(3);
        assertThat(e.type()).isEqualTo(TensorType.of(DType.FLOAT64, 3, 3));
        assertThat(e.eval().toDoubleMatrix()).isEqualTo(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        TensorVariable x = T.dmatrix("x");
        TensorVariable symbolic = Shapes.eye(T.shape(x).sum(), DType.INT32);
        assertThat(symbolic.type()).isEqualTo(TensorType.of(DType.INT32, U, U));
        NDArray out = Gradus.function(List.of(x), symbolic).call(random(2, 1, 3));
        assertThat(out.dtype()).isEqualTo(DType.INT32);
        assertThat(out.shape()).containsExactly(4, 4);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(out.getAt(i, j)).isEqualTo(i == j ? 1.0 : 0.0);
            }
        }
        assertThat(T.eye(0).eval().shape()).containsExactly(0, 0);
        assertThatThrownBy(() -> T.eye(-1)).isInstanceOf(ShapeException.class).hasMessageContaining("got -1");
        assertThatThrownBy(() -> T.eye(T.dscalar("d"))).isInstanceOf(DTypeException.class);
    }
}
