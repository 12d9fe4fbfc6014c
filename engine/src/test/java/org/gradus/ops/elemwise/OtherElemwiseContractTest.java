package org.gradus.ops.elemwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gradus.TestValues.assertSameValue;

import java.util.List;
import org.gradus.Gradus;
import org.gradus.TestValues;
import org.gradus.grad.VerifyGrad;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;

/** The op contract for clip, where, not, cast, fill, zerosLike and onesLike. */
class OtherElemwiseContractTest {

    @Test
    void clipValuesBroadcastBoundsAndEdges() {
        TensorVariable x = T.tensor3("x");
        TensorVariable low = T.tensor(DType.FLOAT64, "low", -1, 1);
        TensorVariable high = T.dvector("high");
        NDArray xv = TestValues.uniform(31, -3, 3, 2, 3, 5);
        NDArray lv = TestValues.uniform(32, -2, 0, 3, 1);
        NDArray hv = TestValues.uniform(33, 0, 2, 5);
        NDArray out = TestValues.run(List.of(x, low, high), T.clip(x, low, high), xv, lv, hv);
        assertThat(out.shape()).containsExactly(2, 3, 5);
        for (int flat = 0; flat < out.size(); flat++) {
            int[] i = TestValues.unravel(flat, 2, 3, 5);
            double expected = Math.min(Math.max(xv.get(flat), TestValues.broadcastGet(lv, i)), TestValues.broadcastGet(hv, i));
            assertThat(out.get(flat)).isEqualTo(expected);
        }
        TensorVariable v = T.dvector("v");
        NDArray edges = TestValues.run(List.of(v), T.clip(v, -1, 1),
                (Object) new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN, -0.0, 0.5});
        assertThat(edges.get(0)).isEqualTo(-1);
        assertThat(edges.get(1)).isEqualTo(1);
        assertThat(edges.get(2)).isNaN();
        assertSameValue(edges.get(3), -0.0, 0, "clip(-0.0)");
        assertThat(edges.get(4)).isEqualTo(0.5);
        assertThat(T.clip(T.fvector("f"), 0, 1).dtype()).isEqualTo(DType.FLOAT32);
    }

    @Test
    void clipGradientGoesToTheActiveOperand() {
        // x values away from both bounds: inside, below and above
        double[][] x = {{-2.5, -0.3, 0.4}, {2.2, 0.9, -1.7}};
        VerifyGrad.verifyGrad(v -> T.clip(v.get(0), v.get(1), v.get(2)),
                List.of(x, new double[] {-1, -1.1, -0.9}, 1.05));
    }

    @Test
    void whereSelectsWithBroadcastConditionAndRoutesGradients() {
        TensorVariable cond = T.tensor(DType.BOOL, "cond", -1, 1);
        TensorVariable a = T.matrix("a");
        TensorVariable b = T.dvector("b");
        TensorVariable w = T.where(cond, a, b);
        assertThat(w.dtype()).isEqualTo(DType.FLOAT64);
        NDArray out = TestValues.run(List.of(cond, a, b), w, new boolean[][] {{true}, {false}},
                new double[][] {{1, 2, 3}, {4, 5, 6}}, new double[] {-1, -2, -3});
        assertThat(out.toDoubleArray()).containsExactly(1, 2, 3, -1, -2, -3);
        assertThat(T.where(T.gt(T.fvector("f"), 0), T.fvector("g"), 0).dtype()).isEqualTo(DType.FLOAT32);
        VerifyGrad.verifyGrad(v -> T.where(v.get(0), v.get(1), v.get(2)),
                List.of(new boolean[][] {{true}, {false}}, new double[][] {{1, 2, 3}, {4, 5, 6}},
                        new double[] {-1, -2, -3}));
    }

    @Test
    void notOfBoolAndNumbers() {
        TensorVariable v = T.dvector("v");
        NDArray out = TestValues.run(List.of(v), T.not(v), (Object) new double[] {0, -0.0, 2, Double.NaN, -1});
        assertThat(out.dtype()).isEqualTo(DType.BOOL);
        assertThat(out.toDoubleArray()).containsExactly(1, 1, 0, 0, 0);
        TensorVariable bits = T.tensor(DType.BOOL, "bits", -1);
        NDArray anded = TestValues.run(List.of(bits), T.and(bits, T.not(bits)), (Object) new boolean[] {true, false});
        assertThat(anded.toDoubleArray()).containsExactly(0, 0);
    }

    @Test
    void castTruncatesTowardZeroAndConvertsBool() {
        TensorVariable v = T.dvector("v");
        double[] values = {2.7, -2.7, 0.0, -0.5, 300.5};
        assertThat(TestValues.run(List.of(v), T.cast(v, DType.INT32), values).toDoubleArray())
                .containsExactly(2, -2, 0, 0, 300);
        assertThat(TestValues.run(List.of(v), T.cast(v, DType.INT64), values).dtype()).isEqualTo(DType.INT64);
        assertThat(TestValues.run(List.of(v), T.cast(v, DType.BOOL), values).toDoubleArray())
                .containsExactly(1, 1, 0, 1, 1);
        NDArray f = TestValues.run(List.of(v), T.cast(v, DType.FLOAT32), (Object) new double[] {0.1, 1e300});
        assertThat(f.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(f.get(0)).isEqualTo((double) 0.1f);
        assertThat(f.get(1)).isEqualTo(Double.POSITIVE_INFINITY);
        TensorVariable i = T.ivector("i");
        assertThat(T.cast(i, DType.INT32)).isSameAs(i);
        assertThat(TestValues.run(List.of(i), T.cast(i, DType.FLOAT64).div(2), (Object) new int[] {3, -3})
                .toDoubleArray()).containsExactly(1.5, -1.5);
    }

    @Test
    void castGradientFlowsBetweenFloatDtypesOnly() {
        VerifyGrad.verifyGradSingleInput(x -> T.sqr(T.cast(x, DType.FLOAT64)), new float[][] {{0.5f, -1.5f, 2f}, {1f, 3f, -0.25f}});
        VerifyGrad.verifyGradSingleInput(x -> T.cast(T.exp(x), DType.FLOAT32).mul(2), new double[] {0.1, 0.2, -0.4},
                VerifyGrad.Options.DEFAULT.withEps(1e-3).withTolerances(1e-2, 1e-2));
        TensorVariable x = T.dvector("x");
        TensorVariable cost = T.sum(T.cast(T.cast(x, DType.INT32), DType.FLOAT64)).add(T.sum(x));
        NDArray g = TestValues.run(List.of(x), T.grad(cost, x), (Object) new double[] {1.5, -2.5});
        assertThat(g.toDoubleArray()).as("the integer path has no gradient").containsExactly(1, 1);
    }

    @Test
    void fillZerosLikeOnesLikeKeepShapeAndDtype() {
        TensorVariable f = T.fmatrix("f");
        TensorVariable i = T.imatrix("i");
        assertThat(T.zerosLike(f).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(T.onesLike(i).dtype()).isEqualTo(DType.INT32);
        assertThat(T.fill(f, 2).dtype()).isEqualTo(DType.FLOAT32);
        float[][] fv = {{1, 2, 3}, {4, 5, 6}};
        NDArray z = TestValues.run(List.of(f), T.zerosLike(f), (Object) fv);
        assertThat(z.shape()).containsExactly(2, 3);
        assertThat(z.toDoubleArray()).containsOnly(0);
        NDArray o = TestValues.run(List.of(i), T.onesLike(i), (Object) new int[][] {{7, 8}, {9, 10}, {11, 12}});
        assertThat(o.shape()).containsExactly(3, 2);
        assertThat(o.dtype()).isEqualTo(DType.INT32);
        assertThat(o.toDoubleArray()).containsOnly(1);
        TensorVariable row = T.dvector("row");
        NDArray filled = TestValues.run(List.of(f, row), T.fill(f, row), fv, new double[] {-1, 0, 1});
        assertThat(filled.toDoubleArray()).containsExactly(-1, 0, 1, -1, 0, 1);
    }

    @Test
    void fillGradientIsTheSumForTheValueAndNothingForTheTemplate() {
        VerifyGrad.verifyGrad(v -> T.fill(v.get(0), v.get(1)).mul(v.get(0)),
                List.of(new double[][] {{1, 2, 3}, {4, 5, 6}}, new double[] {0.5, -1, 2}));
        VerifyGrad.verifyGradSingleInput(v -> T.zerosLike(v).add(T.onesLike(v).mul(T.sqr(v))), new double[][] {{1, -2}, {3, 0.5}});
        TensorVariable x = T.matrix("x");
        TensorVariable s = T.dscalar("s");
        List<NDArray> g = Gradus.function(List.of(x, s), T.grad(T.sum(T.fill(x, s)), List.of(x, s)))
                .callAll(new double[][] {{1, 2, 3}, {4, 5, 6}}, 3.0);
        assertThat(g.get(0).toDoubleArray()).containsOnly(0);
        assertThat(g.get(1).doubleValue()).isEqualTo(6);
    }

    @Test
    void weakJavaNumbersKeepFloat32AndIntegerTrueDivisionGivesFloatX() {
        TensorVariable f = T.fvector("f");
        assertThat(f.mul(2).add(0.5).sub(1).div(3).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(T.pow(f, 2).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(T.maximum(f, 0).dtype()).isEqualTo(DType.FLOAT32);
        TensorVariable i = T.ivector("i");
        assertThat(i.div(T.ivector("j")).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(i.mul(2).dtype()).isEqualTo(DType.INT32);
        assertThat(i.add(0.5).dtype()).isEqualTo(DType.FLOAT64);
        NDArray out = TestValues.run(List.of(f), f.mul(0.1), (Object) new float[] {3f});
        assertThat(out.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(out.get(0)).isEqualTo((double) (3f * 0.1f));
        NDArray q = TestValues.run(List.of(i), i.div(2), (Object) new int[] {7, -7});
        assertThat(q.toDoubleArray()).containsExactly(3.5, -3.5);
        assertThat(TestValues.run(List.of(i), i.intDiv(2), (Object) new int[] {7, -7}).toIntArray()).containsExactly(3, -4);
        assertThat(TestValues.run(List.of(i), i.mod(3), (Object) new int[] {7, -7}).toIntArray()).containsExactly(1, 2);
    }
}
