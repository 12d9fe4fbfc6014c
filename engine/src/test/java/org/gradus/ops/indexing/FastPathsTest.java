package org.gradus.ops.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.compile.Mode;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The block-copy and typed gather/scatter paths of the indexing ops give the values that element-by-element
 * indexing gives (int32 data takes the element path), for row ranges, inner ranges, steps and repeated indices.
 */
class FastPathsTest {

    private static NDArray iota(DType dtype, int... shape) {
        NDArray x = NDArray.zeros(dtype, shape);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, i);
        }
        return x;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"float32", "float64", "int32"})
    void contiguousAndStridedSlicesSelectTheRightElements(String dtypeName) {
        DType d = DType.of(dtypeName);
        TensorVariable x = T.tensor(d, "x", -1, -1, -1);
        TensorVariable i = T.lscalar("i");
        Function f = Gradus.functionBuilder(List.of(x, i)).outputs(List.of(
                x.get(T.slice(i, i.add(2))),                 // rows i, i+1: one block
                x.get(1, T.slice(1, 3)),                     // a point then a range of whole rows: one block
                x.get(T.slice(0, 3, 2), T.slice(1, 3)),      // steps and inner ranges: gathered
                x.get(T.slice(null, null, -1)))).mode(Mode.NONE).build();
        List<NDArray> out = f.callAll(iota(d, 4, 3, 2), NDArray.scalar(DType.INT64, 1));
        assertThat(out.get(0).toDoubleArray()).containsExactly(6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
        assertThat(out.get(1).toDoubleArray()).containsExactly(8, 9, 10, 11);
        assertThat(out.get(2).toDoubleArray()).containsExactly(2, 3, 4, 5, 14, 15, 16, 17);
        assertThat(out.get(3).shape()).containsExactly(4, 3, 2);
        assertThat(out.get(3).get(0)).isEqualTo(18);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"float32", "float64"})
    void advancedIndexingGradientAccumulatesRepeatedRows(String dtypeName) {
        DType d = DType.of(dtypeName);
        TensorVariable x = T.tensor(d, "x", -1, -1);
        TensorVariable rows = T.lvector("rows");
        TensorVariable picked = x.get(rows);
        TensorVariable g = T.grad(T.sum(picked.mul(iota(d, 3, 2))), x);
        Function f = Gradus.functionBuilder(List.of(x, rows)).outputs(List.of(picked, g)).mode(Mode.NONE).build();
        List<NDArray> out = f.callAll(iota(d, 4, 2), NDArray.of(new long[] {2, 0, 2}));
        assertThat(out.get(0).toDoubleArray()).containsExactly(4, 5, 0, 1, 4, 5);
        // row 2 is picked twice: its gradient is the sum of the two weight rows
        assertThat(out.get(1).toDoubleArray()).containsExactly(2, 3, 0, 0, 4 + 0, 5 + 1, 0, 0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"float32", "float64"})
    void rememberedShapesFollowBoundsThatChangeTheShapeAndKeepTheChecks(String dtypeName) {
        // the plan reuses a slice's last shape only when the new bounds give it again: near the end the
        // slice is clamped (a shorter result), and a bad point still fails after good calls
        DType d = DType.of(dtypeName);
        TensorVariable x = T.tensor(d, "x", -1, -1);
        TensorVariable i = T.lscalar("i");
        Function f = Gradus.function(List.of(x, i), List.of(x.get(T.slice(i.mul(3), i.add(1).mul(3))), x.get(i),
                T.arange(i)));
        NDArray data = iota(d, 7, 2);
        for (int call = 0; call < 2; call++) {
            List<NDArray> first = f.callAll(data, NDArray.scalar(DType.INT64, 1));
            assertThat(first.get(0).toDoubleArray()).containsExactly(6, 7, 8, 9, 10, 11);
            assertThat(first.get(2).shape()).containsExactly(1);
            List<NDArray> last = f.callAll(data, NDArray.scalar(DType.INT64, 2));
            assertThat(last.get(0).shape()).containsExactly(1, 2);
            assertThat(last.get(0).toDoubleArray()).containsExactly(12, 13);
            assertThat(last.get(1).toDoubleArray()).containsExactly(4, 5);
            assertThat(last.get(2).shape()).containsExactly(2);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.callAll(data, NDArray.scalar(DType.INT64, 7)))
                .hasMessageContaining("out of bounds");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"float32", "float64", "int64"})
    void wholeValueScattersAddRepeatedPairsAndCheckEveryIndexFirst(String dtypeName) {
        // the label gradient's form: x[rows, cols] += v with v of the region's shape, one pair repeated
        DType d = DType.of(dtypeName);
        TensorVariable x = T.tensor(d, "x", -1, -1);
        TensorVariable v = T.tensor(d, "v", -1);
        TensorVariable rows = T.lvector("rows");
        TensorVariable cols = T.lvector("cols");
        Function f = Gradus.function(List.of(x, v, rows, cols), T.incSubtensor(x.get(rows, cols), v));
        NDArray out = f.call(iota(d, 3, 4), NDArray.of(new double[] {10, 20, 30}).astype(d),
                NDArray.of(new long[] {0, 2, 0}), NDArray.of(new long[] {1, -1, 1}));
        assertThat(out.toDoubleArray()).containsExactly(0, 41, 2, 3, 4, 5, 6, 7, 8, 9, 10, 31);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.call(iota(d, 3, 4),
                NDArray.of(new double[] {1, 2, 3}).astype(d), NDArray.of(new long[] {0, 1, 3}),
                NDArray.of(new long[] {0, 0, 0}))).hasMessageContaining("out of bounds");
    }
}
