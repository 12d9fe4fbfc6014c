package org.gradus.ops.reduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.gradus.tensor.NDArray;
import org.gradus.types.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Long contiguous sums (four partial sums) agree with the exact sum of the same elements, per row and in total. */
class LongSumTest {

    @ParameterizedTest(name = "{0} {1}x{2} over {3}")
    @CsvSource({"float64, 1, 100003, 0;1", "float32, 1, 100003, 0;1", "float64, 3, 301, 1", "float32, 5, 257, 1",
        "float64, 2, 255, 1"})
    void sumsMatchTheExactSum(String dtypeName, int rows, int cols, String axesText) {
        DType d = DType.of(dtypeName);
        Random r = new Random(rows * 31L + cols);
        NDArray x = NDArray.zeros(d, rows, cols);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, r.nextDouble() * 2 - 0.5);
        }
        List<Integer> axes = java.util.Arrays.stream(axesText.split(";")).map(Integer::valueOf).toList();
        Reduce sum = new Reduce(ReduceKind.SUM, axes);
        NDArray out = NDArray.zeros(d, sum.outputShapes(new NDArray[] {x})[0]);
        sum.perform(new NDArray[] {x}, new NDArray[] {out});
        int groups = axes.size() == 2 ? 1 : rows;
        int length = x.size() / groups;
        for (int g = 0; g < groups; g++) {
            BigDecimal exact = BigDecimal.ZERO;
            for (int i = 0; i < length; i++) {
                exact = exact.add(new BigDecimal(x.get(g * length + i)));
            }
            double e = d == DType.FLOAT32 ? (float) exact.doubleValue() : exact.doubleValue();
            double tol = d == DType.FLOAT32 ? Math.ulp((float) e) : 1e-13 * Math.abs(e);
            assertThat(out.get(g)).as("group %d", g).isCloseTo(e, within(tol));
        }
    }
}
