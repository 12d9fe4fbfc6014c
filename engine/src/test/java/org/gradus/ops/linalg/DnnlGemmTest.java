package org.gradus.ops.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.gradus.tensor.NDArray;
import org.gradus.types.DType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * oneDNN's sgemm through the engine's JNI binding: blocks at offsets with leading dimensions (as the thread split
 * hands them), every transpose combination, against float64 loops; the products of a training step through
 * {@link MatMul} against OpenBLAS; and the checks that keep a wrong call from reaching native code.
 */
class DnnlGemmTest {

    @BeforeEach
    void needsTheBinding() {
        Assumptions.assumeTrue(DnnlGemm.isLoaded(), "oneDNN's sgemm binding did not load here (it is built with a C"
                + " compiler for linux-x86_64; see the INFO line of org.gradus.ops.linalg.DnnlGemm)");
        Assumptions.assumeTrue(NativeBlas.isInPlace(), "products on Java arrays in place did not load here");
    }

    @AfterEach
    void restore() {
        NativeBlas.setOneDnn(true);
    }

    private static float[] random(long seed, int size) {
        Random r = new Random(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4} k=0 allowed")
    @CsvSource({
        "7, 5, 3, false, false",
        "37, 301, 259, false, false",
        "37, 301, 259, true, false",
        "37, 301, 259, false, true",
        "37, 301, 259, true, true",
        "1, 64, 1, false, true",
        "6, 0, 4, false, false",
    })
    void blockAtOffsetsMatchesLoops(int m, int k, int n, boolean ta, boolean tb) {
        // operands sit inside bigger arrays: 3 elements in, leading dimensions 2 wider than the block
        int rowsA = ta ? k : m;
        int colsA = ta ? m : k;
        int rowsB = tb ? n : k;
        int colsB = tb ? k : n;
        int lda = colsA + 2;
        int ldb = colsB + 2;
        int ldc = n + 2;
        float[] a = random(1, 3 + rowsA * lda);
        float[] b = random(2, 3 + rowsB * ldb);
        float[] c = random(3, 3 + m * ldc);
        float[] before = c.clone();
        DnnlGemm.gemm(ta, tb, m, n, k, 0.75f, a, 3, lda, b, 3, ldb, -0.5f, c, 3, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double av = ta ? a[3 + p * lda + i] : a[3 + i * lda + p];
                    double bv = tb ? b[3 + j * ldb + p] : b[3 + p * ldb + j];
                    s += av * bv;
                }
                double expected = 0.75 * s - 0.5 * before[3 + i * ldc + j];
                assertThat((double) c[3 + i * ldc + j]).as("C[%d,%d]", i, j).isCloseTo(expected, within(1e-4));
            }
            // the padding between rows is not written
            assertThat(c[3 + i * ldc + n]).isEqualTo(before[3 + i * ldc + n]);
            assertThat(c[3 + i * ldc + n + 1]).isEqualTo(before[3 + i * ldc + n + 1]);
        }
        assertThat(c[0]).isEqualTo(before[0]);
    }

    @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
    @CsvSource({
        "128, 784, 500, false, false",
        "128, 500, 784, false, true",
        "784, 128, 500, true, false",
        "300, 200, 100, true, true",
    })
    void trainingStepProductsAgreeWithOpenBlas(int m, int k, int n, boolean ta, boolean tb) {
        NDArray a = NDArray.fromFlat(DType.FLOAT32, ta ? new int[] {k, m} : new int[] {m, k}, toDoubles(random(4, m * k)));
        NDArray b = NDArray.fromFlat(DType.FLOAT32, tb ? new int[] {n, k} : new int[] {k, n}, toDoubles(random(5, k * n)));
        NDArray viaDnnl = NDArray.fromFlat(DType.FLOAT32, new int[] {m, n}, toDoubles(random(6, m * n)));
        NDArray viaOpenBlas = viaDnnl.copy();
        assertThat(NativeBlas.usesOneDnn()).isTrue();
        MatMul.gemm(-0.1, a, ta, b, tb, 1, viaDnnl);
        NativeBlas.setOneDnn(false);
        assertThat(NativeBlas.usesOneDnn()).isFalse();
        MatMul.gemm(-0.1, a, ta, b, tb, 1, viaOpenBlas);
        // two libraries add in different orders: close in float32, not equal
        assertThat(viaDnnl.allClose(viaOpenBlas, 1e-4, 1e-5)).isTrue();
        assertThat(viaDnnl.allClose(viaOpenBlas, 0, 0)).as("the two paths really ran different kernels").isFalse();
    }

    private static double[] toDoubles(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    @Test
    void blockOutsideItsArrayIsRefusedBeforeNativeCode() {
        float[] a = new float[12];
        float[] b = new float[12];
        float[] c = new float[9];
        assertThatThrownBy(() -> DnnlGemm.gemm(false, false, 3, 4, 4, 1f, a, 0, 4, b, 0, 4, 0f, c, 0, 4))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("operand B: a 4×4 block at offset 0 with leading dimension 4 does not fit in its 12 elements");
        assertThatThrownBy(() -> DnnlGemm.gemm(false, false, 3, 3, 4, 1f, a, 1, 4, b, 0, 3, 0f, c, 0, 3))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageStartingWith("operand A: a 3×4 block at offset 1");
        assertThatThrownBy(() -> DnnlGemm.gemm(false, false, 3, 3, 4, 1f, a, 0, 4, b, 0, 3, 0f, c, 0, 2))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("operand C")
                .hasMessageContaining("leading dimension 2");
    }

    @Test
    void resultThatIsAnOperandIsRefused() {
        float[] a = new float[16];
        assertThatThrownBy(() -> DnnlGemm.gemm(false, false, 4, 4, 4, 1f, a, 0, 4, new float[16], 0, 4, 0f, a, 0, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the result of a product must not be one of its operands");
    }
}
