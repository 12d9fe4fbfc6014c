package org.gradus.ops.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.gradus.Gradus;
import org.gradus.ShapeException;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;
import org.junit.jupiter.api.Test;

/** Values, static types and errors of dimshuffle, reshape, flatten, shape and alloc. */
class DimShuffleAndReshapeTest {
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
    void transposeOfA2x3x4TensorReversesTheAxes() {
        TensorVariable x = T.tensor(DType.FLOAT64, "x", 2, 3, U);
        TensorVariable y = T.transpose(x);
        assertThat(y.type()).isEqualTo(TensorType.of(DType.FLOAT64, U, 3, 2));
        NDArray in = random(1, 2, 3, 4);
        NDArray out = Gradus.function(List.of(x), y).call(in);
        assertThat(out.shape()).containsExactly(4, 3, 2);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    assertThat(out.getAt(k, j, i)).isEqualTo(in.getAt(i, j, k));
                }
            }
        }
    }

    @Test
    void transposeOfFloatMatricesLargerThanOneTileMovesEveryElement() {
        for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            TensorVariable x = T.tensor(d, "x", U, U);
            NDArray in = random(2, 70, 45).astype(d);
            NDArray out = Gradus.function(List.of(x), T.transpose(x)).call(in);
            assertThat(out.shape()).containsExactly(45, 70);
            for (int i = 0; i < 70; i++) {
                for (int j = 0; j < 45; j++) {
                    assertThat(out.getAt(j, i)).as("%s (%d, %d)", d, j, i).isEqualTo(in.getAt(i, j));
                }
            }
        }
    }

    @Test
    void dimshufflePermutesAxes() {
        TensorVariable x = T.tensor(DType.FLOAT64, "x", 2, 3, 4);
        NDArray in = random(2, 2, 3, 4);
        NDArray out = Gradus.function(List.of(x), x.dimshuffle(1, 2, 0)).call(in);
        assertThat(out.shape()).containsExactly(3, 4, 2);
        assertThat(out.getAt(2, 1, 1)).isEqualTo(in.getAt(1, 2, 1));
        assertThat(out.getAt(0, 3, 0)).isEqualTo(in.getAt(0, 0, 3));
    }

    @Test
    void dimshuffleInsertsAndDropsBroadcastableAxes() {
        TensorVariable x = T.tensor(DType.FLOAT64, "x", U, 3);
        TensorVariable expanded = x.dimshuffle(0, -1, 1);
        assertThat(expanded.type()).isEqualTo(TensorType.of(DType.FLOAT64, U, 1, 3));
        NDArray in = random(3, 2, 3);
        NDArray out = Gradus.function(List.of(x), expanded).call(in);
        assertThat(out.shape()).containsExactly(2, 1, 3);
        assertThat(out.toDoubleArray()).containsExactly(in.toDoubleArray());

        TensorVariable r = T.tensor(DType.FLOAT64, "r", 1, U);
        TensorVariable dropped = r.dimshuffle(1);
        assertThat(dropped.type()).isEqualTo(TensorType.of(DType.FLOAT64, U));
        NDArray row = NDArray.of(new double[][] {{1, 2, 3, 4, 5}});
        assertThat(Gradus.function(List.of(r), dropped).call(row).toDoubleArray()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void droppingANonBroadcastableAxisIsAnError() {
        TensorVariable x = T.matrix("x");
        assertThatThrownBy(() -> x.dimshuffle(1))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("drops axis 0")
                .hasMessageContaining("only broadcastable axes");
    }

    @Test
    void reshapeInfersMinusOne() {
        TensorVariable x = T.tensor(DType.FLOAT64, "x", 2, 3, 4);
        TensorVariable y = x.reshape(4, -1);
        assertThat(y.type()).isEqualTo(TensorType.of(DType.FLOAT64, 4, 6));
        NDArray in = random(4, 2, 3, 4);
        NDArray out = Gradus.function(List.of(x), y).call(in);
        assertThat(out.shape()).containsExactly(4, 6);
        assertThat(out.toDoubleArray()).containsExactly(in.toDoubleArray());
    }

    @Test
    void reshapeToTheShapeOfAnotherTensor() {
        TensorVariable x = T.dvector("x");
        TensorVariable like = T.dmatrix("like");
        TensorVariable y = T.reshape(x, T.shape(like));
        assertThat(y.ndim()).isEqualTo(2);
        NDArray in = NDArray.of(new double[] {1, 2, 3, 4, 5, 6});
        NDArray out = Gradus.function(List.of(x, like), y).callAll(in, random(5, 3, 2)).get(0);
        assertThat(out.shape()).containsExactly(3, 2);
        assertThat(out.toDoubleMatrix()).isEqualTo(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    }

    @Test
    void reshapeWithASymbolicEntryKeepsTheKnownLengthsStatic() {
        TensorVariable x = T.dmatrix("x");
        TensorVariable n = T.lscalar("n");
        TensorVariable y = T.reshape(x, new Object[] {n, 2, -1});
        assertThat(y.type()).isEqualTo(TensorType.of(DType.FLOAT64, U, 2, U));
        NDArray in = random(6, 4, 3);
        NDArray out = Gradus.function(List.of(x, n), y).callAll(in, 3L).get(0);
        assertThat(out.shape()).containsExactly(3, 2, 2);
        assertThat(out.toDoubleArray()).containsExactly(in.toDoubleArray());
    }

    @Test
    void reshapeToTheWrongSizeIsAnError() {
        TensorVariable known = T.tensor(DType.FLOAT64, "known", 2, 3);
        assertThatThrownBy(() -> known.reshape(4, 2))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("(6 elements)")
                .hasMessageContaining("(8 elements)");
        TensorVariable x = T.dmatrix("x");
        var f = Gradus.function(List.of(x), x.reshape(5, -1));
        assertThatThrownBy(() -> f.call(random(7, 2, 3)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("cannot reshape an array of shape [2, 3]");
    }

    @Test
    void flattenKeepsTheLeadingAxes() {
        TensorVariable x = T.tensor(DType.FLOAT64, "x", U, 3, 4);
        TensorVariable two = T.flatten(x, 2);
        TensorVariable one = T.flatten(x, 1);
        assertThat(two.type()).isEqualTo(TensorType.of(DType.FLOAT64, U, 12));
        assertThat(one.type()).isEqualTo(TensorType.of(DType.FLOAT64, U));
        assertThat(T.flatten(x, 3)).isSameAs(x);
        NDArray in = random(8, 2, 3, 4);
        List<NDArray> out = Gradus.function(List.of(x), List.of(two, one, x.flatten())).callAll(in);
        assertThat(out.get(0).shape()).containsExactly(2, 12);
        assertThat(out.get(0).getAt(1, 7)).isEqualTo(in.getAt(1, 1, 3));
        assertThat(out.get(1).shape()).containsExactly(24);
        assertThat(out.get(1).toDoubleArray()).containsExactly(in.toDoubleArray());
        assertThat(out.get(2).toDoubleArray()).containsExactly(in.toDoubleArray());
        assertThatThrownBy(() -> T.flatten(x, 4)).isInstanceOf(ShapeException.class).hasMessageContaining("only 3");
        assertThatThrownBy(() -> T.flatten(x, 0)).isInstanceOf(ShapeException.class);
    }

    @Test
    void shapeGivesTheRunTimeLengths() {
        TensorVariable x = T.tensor(DType.FLOAT64, "x", U, 3, U);
        TensorVariable s = T.shape(x);
        assertThat(s.type()).isEqualTo(TensorType.of(DType.INT64, 3));
        NDArray out = Gradus.function(List.of(x), s).call(random(9, 5, 3, 2));
        assertThat(out.dtype()).isEqualTo(DType.INT64);
        assertThat(out.int64Data()).containsExactly(5, 3, 2);
        TensorVariable len = x.shape(1);
        assertThat(len.dtype()).isEqualTo(DType.INT64);
        assertThat(len.eval().getLong(0)).isEqualTo(3);
    }

    @Test
    void zerosOfTheShapeOfAnInputWithUnknownBatchSize() {
        TensorVariable x = T.tensor(DType.FLOAT64, "x", U, 4);
        TensorVariable z = T.zeros(x.shape());
        assertThat(z.type()).isEqualTo(TensorType.of(DType.FLOAT64, U, 4));
        var f = Gradus.function(List.of(x), z.add(1));
        for (int batch : new int[] {3, 5}) {
            NDArray out = Gradus.function(List.of(x), z).call(random(batch, batch, 4));
            assertThat(out.shape()).containsExactly(batch, 4);
            assertThat(out.toDoubleArray()).containsOnly(0.0);
            assertThat(f.call(random(batch, batch, 4)).toDoubleArray()).hasSize(batch * 4).containsOnly(1.0);
        }
    }

    @Test
    void onesAndAllocFromJavaAndSymbolicShapes() {
        NDArray ones = T.ones(new int[] {2, 3}).eval();
        assertThat(ones.shape()).containsExactly(2, 3);
        assertThat(ones.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(ones.toDoubleArray()).containsOnly(1.0);
        NDArray ints = T.ones(new int[] {3, 2}, DType.INT32).eval();
        assertThat(ints.dtype()).isEqualTo(DType.INT32);
        assertThat(ints.toIntArray()).containsOnly(1);

        TensorVariable n = T.lscalar("n");
        TensorVariable filled = T.alloc(T.constant(2.5), new Object[] {n, 3});
        assertThat(filled.type()).isEqualTo(TensorType.of(DType.FLOAT64, U, 3));
        NDArray out = Gradus.function(List.of(n), filled).call(4L);
        assertThat(out.shape()).containsExactly(4, 3);
        assertThat(out.toDoubleArray()).containsOnly(2.5);
        assertThatThrownBy(() -> Gradus.function(List.of(n), filled).call(-2L))
                .isInstanceOf(ShapeException.class).hasMessageContaining("negative dimension");
    }

    @Test
    void stackScalarsMixesJavaIntsAndSymbolicScalars() {
        TensorVariable n = T.iscalar("n");
        TensorVariable v = Shapes.stackScalars(new Object[] {n, 3, 7L});
        assertThat(v.type()).isEqualTo(TensorType.of(DType.INT64, 3));
        assertThat(v.owner().op()).isEqualTo(new MakeVector());
        assertThat(Gradus.function(List.of(n), v).call(5).int64Data()).containsExactly(5, 3, 7);
        assertThat(Shapes.stackScalars(new Object[] {2, 4})).isInstanceOf(org.gradus.tensor.TensorConstant.class);
        assertThatThrownBy(() -> Shapes.stackScalars(new Object[] {2.5}))
                .isInstanceOf(org.gradus.DTypeException.class).hasMessageContaining("shape entry 0");
        assertThatThrownBy(() -> Shapes.stackScalars(new Object[] {T.ivector("v")}))
                .isInstanceOf(ShapeException.class).hasMessageContaining("must be a scalar");
    }
}
