package org.gradus.ops.elemwise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gradus.TestValues;
import org.gradus.ops.reduce.Reduce;
import org.gradus.ops.reduce.ReduceKind;
import org.gradus.ops.scalar.Add;
import org.gradus.ops.scalar.BinaryScalarOp;
import org.gradus.ops.scalar.Maximum;
import org.gradus.ops.scalar.Mul;
import org.gradus.ops.scalar.Sub;
import org.gradus.ops.scalar.TrueDiv;
import org.gradus.tensor.NDArray;
import org.gradus.types.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CPU fast paths (direct arithmetic loops, typed slices, block reductions) give the same values
 * as an element-by-element evaluation in double, for float32 and float64 and for operands that
 * broadcast along the last axis, an inner axis or entirely.
 */
class KernelPathsTest {

    private static int[] broadcastShape(String which) {
        switch (which) {
            case "same": return new int[] {2, 3, 1500};
            case "last": return new int[] {2, 3, 1};
            case "middle": return new int[] {2, 1, 1500};
            default: return new int[] {};
        }
    }

    @ParameterizedTest(name = "{0} {1} second operand {2}")
    @CsvSource({
        "float32, add, same", "float32, sub, last", "float32, mul, middle", "float32, div, scalar",
        "float64, add, middle", "float64, div, same", "float64, mul, scalar", "float32, maximum, middle",
        "float64, maximum, last",
    })
    void binaryOpsMatchElementByElement(String dtypeName, String opName, String which) {
        DType dtype = DType.of(dtypeName);
        BinaryScalarOp op = switch (opName) {
            case "add" -> new Add();
            case "sub" -> new Sub();
            case "mul" -> new Mul();
            case "div" -> new TrueDiv();
            default -> new Maximum();
        };
        NDArray x = TestValues.uniform(7, -2, 2, 2, 3, 1500).astype(dtype);
        int[] yShape = broadcastShape(which);
        NDArray y = TestValues.uniform(8, 0.5, 2, yShape).astype(dtype);
        NDArray out = NDArray.zeros(dtype, 2, 3, 1500);
        new Elemwise(op).perform(new NDArray[] {x, y}, new NDArray[] {out});
        int[] yStrides = Elemwise.broadcastStrides(y, 3);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 1500; k++) {
                    int flat = (i * 3 + j) * 1500 + k;
                    double yv = y.get(i * yStrides[0] + j * yStrides[1] + k * yStrides[2]);
                    double expected = op.apply(x.get(flat), yv);
                    expected = dtype == DType.FLOAT32 ? (float) expected : expected;
                    assertThat(out.get(flat)).as("element %d", flat).isEqualTo(expected);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} over {2}")
    @CsvSource({
        "float32, SUM, 1", "float64, SUM, 0;1", "float32, MAX, 2", "float64, MIN, 0", "float64, PROD, 1;2",
        "float32, SUM, 0;2", "float64, MAX, ''",
    })
    void reductionsMatchElementByElement(String dtypeName, ReduceKind kind, String axesText) {
        DType dtype = DType.of(dtypeName);
        List<Integer> axes = axesText.isEmpty() ? List.of()
                : java.util.Arrays.stream(axesText.split(";")).map(Integer::valueOf).toList();
        int[] shape = {4, 5, 6};
        NDArray x = TestValues.uniform(9, 0.5, 1.5, shape).astype(dtype);
        Reduce reduce = new Reduce(kind, axes);
        NDArray out = NDArray.zeros(dtype, reduce.outputShapes(new NDArray[] {x})[0]);
        reduce.perform(new NDArray[] {x}, new NDArray[] {out});
        double[] expected = new double[out.size()];
        java.util.Arrays.fill(expected, kind.identity());
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 5; j++) {
                for (int k = 0; k < 6; k++) {
                    int[] full = {i, j, k};
                    int o = 0;
                    for (int a = 0; a < 3; a++) {
                        if (!axes.contains(a)) {
                            o = o * shape[a] + full[a];
                        }
                    }
                    expected[o] = kind.combine(expected[o], x.get((i * 5 + j) * 6 + k));
                }
            }
        }
        for (int o = 0; o < expected.length; o++) {
            double e = dtype == DType.FLOAT32 ? (float) expected[o] : expected[o];
            assertThat(out.get(o)).as("output %d", o).isEqualTo(e);
        }
    }
}
