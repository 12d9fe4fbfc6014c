package org.gradus.ops.reduce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.gradus.tensor.NDArray;
import org.gradus.types.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reductions big enough to be split over the cores (by outer blocks or by runs of columns) give
 * the same bits as one thread reducing each output in order, accumulating in double (float32 column
 * sums: blocks of {@link BlockReduction#FLOAT_ROWS} rows added in float, the blocks in double).
 */
class SplitReductionTest {

    @ParameterizedTest(name = "{0} {1} of {2}x{3}x{4} over axis 1")
    @CsvSource({"float32, SUM, 1, 128, 784", "float64, SUM, 1, 128, 500", "float32, MAX, 1, 256, 300",
        "float32, SUM, 300, 200, 1", "float64, MIN, 500, 100, 1", "float32, SUM, 6, 100, 64",
        "float32, SUM, 1, 37, 3000", "float32, SUM, 2, 31, 700", "float64, SUM, 3, 40, 1000"})
    void splitReductionsEqualTheSequentialOrder(String dtypeName, ReduceKind kind, int outer, int reduced, int inner) {
        DType d = DType.of(dtypeName);
        Random r = new Random(outer * 7919L + reduced * 31L + inner);
        NDArray x = NDArray.zeros(d, outer, reduced, inner);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, r.nextGaussian() * 3 + 0.25);
        }
        Reduce op = new Reduce(kind, List.of(1));
        NDArray out = NDArray.zeros(d, outer, inner);
        op.perform(new NDArray[] {x}, new NDArray[] {out});
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                boolean floatBlocks = d == DType.FLOAT32 && kind == ReduceKind.SUM && inner > 1
                        && reduced >= BlockReduction.FLOAT_BLOCKS_MIN_ROWS;
                double acc = kind.identity();
                if (floatBlocks) {
                    acc = floatBlockSum(x, o, reduced, inner, i);
                } else {
                    for (int k = 0; k < reduced; k++) {
                        acc = kind.combine(acc, x.get((o * reduced + k) * inner + i));
                    }
                }
                double expected = d == DType.FLOAT32 ? (float) acc : acc;
                assertThat(out.get(o * inner + i)).as("output (%d, %d)", o, i).isEqualTo(expected);
            }
        }
    }

    /** The documented float32 column-sum order: each block of rows summed in float, the blocks in double. */
    private static double floatBlockSum(NDArray x, int o, int reduced, int inner, int i) {
        double acc = 0;
        for (int k0 = 0; k0 < reduced; k0 += BlockReduction.FLOAT_ROWS) {
            float block = 0;
            for (int k = k0; k < Math.min(reduced, k0 + BlockReduction.FLOAT_ROWS); k++) {
                block += (float) x.get((o * reduced + k) * inner + i);
            }
            acc += block;
        }
        return acc;
    }
}
