package org.gradus.ops.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.gradus.ShapeException;
import org.gradus.tensor.NDArray;
import org.gradus.types.DType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gemm kernels (pure Java and, where they load, OpenBLAS and oneDNN) against a triple loop, for every
 * transpose combination, alpha and beta, both float dtypes, and shapes that cross the cache-block
 * edges, the four-row unroll, the thread split (by rows and by columns) and the parallel off-heap copies.
 */
class GemmKernelTest {

    @AfterEach
    void restoreNative() {
        NativeBlas.setEnabled(true);
        NativeBlas.setInPlace(true);
        NativeBlas.setOneDnn(true);
    }

    private static NDArray random(DType dtype, long seed, int rows, int cols) {
        Random r = new Random(seed);
        NDArray x = NDArray.zeros(dtype, rows, cols);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, r.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** alpha · op(A) · op(B) + beta · C with plain loops in float64. */
    private static double[] reference(double alpha, NDArray a, boolean ta, NDArray b, boolean tb, double beta,
                                      NDArray c, int m, int k, int n) {
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double av = ta ? a.get(p * m + i) : a.get(i * k + p);
                    double bv = tb ? b.get(j * k + p) : b.get(p * n + j);
                    s += av * bv;
                }
                out[i * n + j] = alpha * s + beta * c.get(i * n + j);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3} transA={4} transB={5} native={6}")
    @CsvSource({
        "float64, 7, 5, 3, false, false, false",
        "float64, 1, 300, 9, false, false, false",
        "float64, 37, 301, 259, false, false, false",
        "float64, 37, 301, 259, true, false, false",
        "float64, 37, 301, 259, false, true, false",
        "float64, 37, 301, 259, true, true, false",
        "float64, 130, 97, 120, true, true, false",
        "float32, 37, 301, 259, false, false, false",
        "float32, 37, 301, 259, true, true, false",
        "float32, 2, 520, 513, false, true, false",
        "float64, 37, 301, 259, true, false, true",
        "float64, 130, 97, 120, false, true, true",
        "float32, 37, 301, 259, true, true, true",
        "float32, 64, 64, 64, false, false, true",
        "float32, 100, 512, 512, true, false, true",
        "float64, 100, 512, 512, false, true, true",
        "float64, 9, 600, 500, true, true, true",
    })
    void matchesTripleLoop(String dtypeName, int m, int k, int n, boolean ta, boolean tb, boolean useNative) {
        DType dtype = DType.of(dtypeName);
        NativeBlas.setEnabled(useNative);
        NDArray a = ta ? random(dtype, 1, k, m) : random(dtype, 1, m, k);
        NDArray b = tb ? random(dtype, 2, n, k) : random(dtype, 2, k, n);
        NDArray c = random(dtype, 3, m, n);
        double[] expected = reference(0.75, a, ta, b, tb, -0.5, c, m, k, n);
        MatMul.gemm(0.75, a, ta, b, tb, -0.5, c);
        double tol = dtype == DType.FLOAT32 ? 1e-3 : 1e-10;
        for (int i = 0; i < expected.length; i++) {
            assertThat(c.get(i)).as("element %d", i).isCloseTo(expected[i], org.assertj.core.api.Assertions.within(tol));
        }
    }

    @ParameterizedTest(name = "native={0}")
    @CsvSource({"false", "true"})
    void betaZeroIgnoresNaNInTheOutput(boolean useNative) {
        NativeBlas.setEnabled(useNative);
        NDArray a = random(DType.FLOAT64, 4, 40, 33);
        NDArray b = random(DType.FLOAT64, 5, 33, 41);
        NDArray c = NDArray.full(DType.FLOAT64, Double.NaN, 40, 41);
        MatMul.multiply(a, b, c, 40, 33, 41);
        double[] expected = reference(1, a, false, b, false, 0, NDArray.zeros(DType.FLOAT64, 40, 41), 40, 33, 41);
        assertThat(c.allClose(NDArray.fromFlat(DType.FLOAT64, new int[] {40, 41}, expected), 1e-12, 1e-12)).isTrue();
    }

    @ParameterizedTest(name = "native={0}")
    @CsvSource({"false", "true"})
    void mixedDTypesComputeInFloat64(boolean useNative) {
        NativeBlas.setEnabled(useNative);
        NDArray a = random(DType.FLOAT32, 6, 9, 8);
        NDArray b = random(DType.FLOAT64, 7, 8, 10);
        NDArray c = NDArray.zeros(DType.FLOAT64, 9, 10);
        MatMul.multiply(a, b, c, 9, 8, 10);
        double[] expected = reference(1, a, false, b, false, 0, c, 9, 8, 10);
        assertThat(c.get(17)).isCloseTo(expected[17], org.assertj.core.api.Assertions.within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"float32", "float64"})
    void operandsChangedBetweenCallsAreCopiedAgain(String dtypeName) {
        DType dtype = DType.of(dtypeName);
        NDArray a = random(dtype, 8, 150, 160);
        NDArray b = random(dtype, 9, 160, 170);
        NDArray c = NDArray.zeros(dtype, 150, 170);
        double tol = dtype == DType.FLOAT32 ? 1e-3 : 1e-10;
        for (int round = 0; round < 4; round++) {
            if (round == 1) {
                a.set(5, 3.0);                        // through set
            } else if (round == 2) {
                b.copyFrom(random(dtype, 10, 160, 170)); // through copyFrom
            } else if (round == 3 && dtype == DType.FLOAT32) {
                a.float32Data()[7] = -2f;              // through the live storage
            } else if (round == 3) {
                a.float64Data()[7] = -2;
            }
            MatMul.multiply(a, b, c, 150, 160, 170);
            double[] expected = reference(1, a, false, b, false, 0, c, 150, 160, 170);
            for (int i = 0; i < expected.length; i += 7) {
                assertThat(c.get(i)).as("round %d element %d", round, i)
                        .isCloseTo(expected[i], org.assertj.core.api.Assertions.within(tol));
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3} transA={4} transB={5}")
    @CsvSource({
        "float32, 128, 784, 500, false, false",
        "float32, 128, 500, 784, false, true",
        "float32, 784, 256, 500, true, false",
        "float64, 128, 784, 500, false, false",
        "float64, 500, 128, 784, true, true",
        "float64, 37, 301, 259, true, false",
        "float32, 9, 600, 500, false, true",
    })
    void inPlaceAndCopiedOperandsGiveTheSameBits(String dtypeName, int m, int k, int n, boolean ta, boolean tb) {
        org.junit.jupiter.api.Assumptions.assumeTrue(NativeBlas.isInPlace(),
                "OpenBLAS on Java arrays in place did not load here (netlib's JNI binding needs Linux)");
        DType dtype = DType.of(dtypeName);
        NativeBlas.setOneDnn(false); // OpenBLAS on both paths (DnnlGemmTest covers oneDNN's float32 products)
        NDArray a = ta ? random(dtype, 11, k, m) : random(dtype, 11, m, k);
        NDArray b = tb ? random(dtype, 12, n, k) : random(dtype, 12, k, n);
        NDArray inPlace = random(dtype, 13, m, n);
        NDArray copied = inPlace.copy();
        MatMul.gemm(0.75, a, ta, b, tb, -0.5, inPlace);
        NativeBlas.setInPlace(false);
        MatMul.gemm(0.75, a, ta, b, tb, -0.5, copied);
        // the same OpenBLAS kernels on the same blocks: not close, equal
        for (int i = 0; i < inPlace.size(); i++) {
            assertThat(inPlace.get(i)).as("element %d", i).isEqualTo(copied.get(i));
        }
        double[] expected = reference(0.75, a, ta, b, tb, -0.5, random(dtype, 13, m, n), m, k, n);
        double tol = dtype == DType.FLOAT32 ? 1e-3 : 1e-10;
        for (int i = 0; i < expected.length; i += 13) {
            assertThat(inPlace.get(i)).as("element %d", i).isCloseTo(expected[i], org.assertj.core.api.Assertions.within(tol));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"float32", "float64"})
    void switchingBetweenInPlaceAndCopiesNeverReadsAStaleCopy(String dtypeName) {
        DType dtype = DType.of(dtypeName);
        NDArray a = random(dtype, 14, 150, 160);
        NDArray b = random(dtype, 15, 160, 170);
        NDArray w = random(dtype, 16, 150, 170);
        NDArray shadow = w.copy();
        double tol = dtype == DType.FLOAT32 ? 1e-3 : 1e-9;
        for (int round = 0; round < 6; round++) {
            // W <- W - 0.1 A·B, alternating paths: the copying path caches W off the heap, the in-place path
            // changes W behind that cache
            NativeBlas.setInPlace(round % 2 == 1);
            double[] expected = reference(-0.1, a, false, b, false, 1, shadow, 150, 160, 170);
            MatMul.gemm(-0.1, a, false, b, false, 1, w);
            for (int i = 0; i < expected.length; i++) {
                shadow.set(i, expected[i]);
            }
            for (int i = 0; i < expected.length; i += 11) {
                assertThat(w.get(i)).as("round %d element %d", round, i)
                        .isCloseTo(expected[i], org.assertj.core.api.Assertions.within(tol));
            }
        }
    }

    @ParameterizedTest(name = "transB={0}")
    @CsvSource({"false", "true"})
    void misfittingOutputIsAShapeError(boolean tb) {
        NDArray a = random(DType.FLOAT64, 1, 3, 4);
        NDArray b = random(DType.FLOAT64, 2, 4, 5);
        assertThatThrownBy(() -> MatMul.gemm(1, a, false, b, tb, 0, NDArray.zeros(DType.FLOAT64, 3, 4)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("gemm: op(A) is 3×4");
    }
}
