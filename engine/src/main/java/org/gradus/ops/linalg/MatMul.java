package org.gradus.ops.linalg;

import org.gradus.tensor.NDArray;
import org.gradus.types.DType;

/**
 * The CPU matrix-product kernel behind {@link Dot}: C (m×n) = A (m×k) · B (k×n), row-major, in the
 * cache-friendly i-k-j order so that the inner loop runs over contiguous rows of B and C.
 */
final class MatMul {
    private MatMul() {
    }

    static void multiply(NDArray a, NDArray b, NDArray c, int m, int k, int n) {
        if (a.dtype() == DType.FLOAT64 && b.dtype() == DType.FLOAT64 && c.dtype() == DType.FLOAT64) {
            multiply64(a.float64Data(), b.float64Data(), c.float64Data(), m, k, n);
        } else if (a.dtype() == DType.FLOAT32 && b.dtype() == DType.FLOAT32 && c.dtype() == DType.FLOAT32) {
            multiply32(a.float32Data(), b.float32Data(), c.float32Data(), m, k, n);
        } else {
            double[] ad = a.toDoubleArray();
            double[] bd = b.toDoubleArray();
            double[] cd = new double[m * n];
            multiply64(ad, bd, cd, m, k, n);
            for (int i = 0; i < cd.length; i++) {
                c.set(i, cd[i]);
            }
        }
    }

    private static void multiply64(double[] a, double[] b, double[] c, int m, int k, int n) {
        java.util.Arrays.fill(c, 0, m * n, 0.0);
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    private static void multiply32(float[] a, float[] b, float[] c, int m, int k, int n) {
        java.util.Arrays.fill(c, 0, m * n, 0f);
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                float aip = a[i * k + p];
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }
}
