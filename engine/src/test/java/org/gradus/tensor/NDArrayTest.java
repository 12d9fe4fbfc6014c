package org.gradus.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gradus.types.DType;
import org.junit.jupiter.api.Test;

class NDArrayTest {

    @Test
    void fromNestedJavaArraysKeepsShapeAndNaturalDType() {
        NDArray a = NDArray.fromJava(new double[][][] {{{1, 2, 3}, {4, 5, 6}}}, null);
        assertThat(a.shape()).containsExactly(1, 2, 3);
        assertThat(a.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(a.getAt(0, 1, 2)).isEqualTo(6);
        assertThat(a.getAt(0, -1, -3)).isEqualTo(4);
        assertThat(NDArray.fromJava(new int[] {1, 2}, null).dtype()).isEqualTo(DType.INT32);
        assertThat(NDArray.fromJava(new float[][] {{1}}, null).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(NDArray.fromJava(new long[] {7}, null).dtype()).isEqualTo(DType.INT64);
        assertThat(NDArray.fromJava(true, null).dtype()).isEqualTo(DType.BOOL);
        assertThat(NDArray.fromJava(3, null).ndim()).isZero();
    }

    @Test
    void raggedArraysAreRejectedWithTheExpectedLength() {
        assertThatThrownBy(() -> NDArray.fromJava(new double[][] {{1, 2}, {3}}, null))
                .hasMessageContaining("ragged").hasMessageContaining("expected length 2");
        assertThatThrownBy(() -> NDArray.fromJava("text", null)).hasMessageContaining("String");
    }

    @Test
    void conversionsBetweenDTypesFollowNumPy() {
        NDArray a = NDArray.of(new double[] {-1.7, 0, 2.9});
        assertThat(a.astype(DType.INT32).toIntArray()).containsExactly(-1, 0, 2);
        assertThat(a.astype(DType.BOOL).toDoubleArray()).containsExactly(1, 0, 1);
        assertThat(a.astype(DType.FLOAT32).toFloatArray()).containsExactly(-1.7f, 0f, 2.9f);
        NDArray big = NDArray.of(new long[] {(1L << 60) + 1});
        assertThat(big.copy().getLong(0)).isEqualTo((1L << 60) + 1);
        assertThat(NDArray.fromJava(new long[][] {{(1L << 60) + 1}}, null).getLong(0)).isEqualTo((1L << 60) + 1);
    }

    @Test
    void printsLikeNumPy() {
        assertThat(NDArray.of(4.0).toString()).isEqualTo("4.0");
        assertThat(NDArray.of(new double[][] {{0.5, 0.7310585786300049}, {0.2689414213699951, 0.11920292202211755}})
                .toString()).isEqualTo("[[0.5        0.73105858]\n [0.26894142 0.11920292]]");
        assertThat(NDArray.of(new int[] {1, -20, 3}).toString()).isEqualTo("[  1 -20   3]");
        assertThat(NDArray.of(new boolean[] {true, false}).toString()).isEqualTo("[ True False]");
        assertThat(NDArray.of(new double[] {Double.NaN, Double.NEGATIVE_INFINITY, 1e-9}).toString())
                .isEqualTo("[   nan   -inf 1.e-09]");
        assertThat(NDArray.of(new double[] {1, -1, 0.5}).toString()).isEqualTo("[ 1.  -1.   0.5]");
        assertThat(NDArray.of(new double[] {0.3359524, 0.20387478}).toString()).isEqualTo("[0.3359524  0.20387478]");
    }

    @Test
    void doubleValueNeedsExactlyOneElement() {
        assertThatThrownBy(() -> NDArray.of(new double[] {1, 2}).doubleValue())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[2]");
        assertThat(NDArray.of(new double[][] {{3}}).doubleValue()).isEqualTo(3);
    }

    @Test
    void reshapeChecksTheSize() {
        NDArray a = NDArray.of(new double[] {1, 2, 3, 4, 5, 6});
        assertThat(a.reshape(2, 3).toDoubleMatrix()[1]).containsExactly(4, 5, 6);
        assertThatThrownBy(() -> a.reshape(4, 2)).hasMessageContaining("6 elements");
    }

    @Test
    void allCloseTreatsNaNAsEqualToNaN() {
        NDArray a = NDArray.of(new double[] {1, Double.NaN});
        assertThat(a.allClose(NDArray.of(new double[] {1 + 1e-12, Double.NaN}), 1e-9, 0)).isTrue();
        assertThat(a.allClose(NDArray.of(new double[] {1.1, Double.NaN}), 1e-9, 0)).isFalse();
    }
}
