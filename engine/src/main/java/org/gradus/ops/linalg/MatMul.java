package org.gradus.ops.linalg;

import java.util.Arrays;
import org.gradus.ShapeException;
import org.gradus.tensor.NDArray;
import org.gradus.types.DType;

/**
 * The CPU matrix-product kernel behind {@link Dot} and the optimizer's gemm forms:
 * {@code C = alpha · op(A) · op(B) + beta · C}, row-major, with op(X) either X or its transpose read
 * in place (never copied into a transposed array first).
 *
 * <p>It picks the implementation per call: OpenBLAS ({@link NativeBlas}) when it loaded and the
 * product is big enough to repay copying the operands off the heap (operands whose
 * {@link NDArray#version()} did not change since their last copy are not copied again); otherwise the pure-Java
 * {@link JavaGemm}, which reads the operands in place and is best for a single row times a matrix
 * (minibatch 1), where the product is bound by reading the matrix once. Operands of other dtypes, or
 * of mixed dtypes, are computed in float64.
 */
final class MatMul {
    /** The native path pays off from about this many multiply-adds (copies are O(m·k + k·n + m·n)). */
    static final long NATIVE_MIN_WORK = 32L * 32 * 32;
    /** ... and only when C has at least this many rows and columns. */
    static final int NATIVE_MIN_SIDE = 4;

    private MatMul() {
    }

    /** {@code C (m×n) = A (m×k) · B (k×n)}; vectors count as one row (A) or one column (B). */
    static void multiply(NDArray a, NDArray b, NDArray c, int m, int k, int n) {
        run(m, n, k, 1, a, false, b, false, 0, c);
    }

    /**
     * {@code C = alpha · op(A) · op(B) + beta · C}. A is a matrix (read transposed when {@code transA})
     * or a vector (one row); B is a matrix (transposed when {@code transB}) or a vector (one column);
     * C has the product's shape. With {@code beta == 0}, C's old contents are ignored.
     */
    static void gemm(double alpha, NDArray a, boolean transA, NDArray b, boolean transB, double beta, NDArray c) {
        int m = a.ndim() == 2 ? (transA ? a.dim(1) : a.dim(0)) : 1;
        int k = a.ndim() == 2 ? (transA ? a.dim(0) : a.dim(1)) : a.dim(0);
        int kb = b.ndim() == 2 ? (transB ? b.dim(1) : b.dim(0)) : b.dim(0);
        int n = b.ndim() == 2 ? (transB ? b.dim(0) : b.dim(1)) : 1;
        if (k != kb || c.size() != m * n) {
            throw new ShapeException("gemm: op(A) is " + m + "×" + k + " and op(B) is " + kb + "×" + n
                    + " (A " + Arrays.toString(a.shape()) + (transA ? " transposed" : "") + ", B "
                    + Arrays.toString(b.shape()) + (transB ? " transposed" : "") + "), so C "
                    + Arrays.toString(c.shape()) + " does not fit");
        }
        run(m, n, k, alpha, a, transA && a.ndim() == 2, b, transB && b.ndim() == 2, beta, c);
    }

    private static void run(int m, int n, int k, double alpha, NDArray a, boolean transA, NDArray b, boolean transB,
                            double beta, NDArray c) {
        boolean useNative = NativeBlas.isEnabled() && m >= NATIVE_MIN_SIDE && n >= NATIVE_MIN_SIDE
                && (long) m * n * k >= NATIVE_MIN_WORK;
        if (all(DType.FLOAT64, a, b, c)) {
            double[] ad = a.float64DataForReading();
            double[] bd = b.float64DataForReading();
            int before = c.version();
            double[] cd = c.float64Data();
            if (useNative) {
                NativeBlas.gemm(m, n, k, alpha, ad, a.version(), transA, bd, b.version(), transB, beta, cd, before,
                        c.version());
            } else {
                JavaGemm.gemm(m, n, k, alpha, ad, transA, bd, transB, beta, cd);
            }
        } else if (all(DType.FLOAT32, a, b, c)) {
            float[] ad = a.float32DataForReading();
            float[] bd = b.float32DataForReading();
            int before = c.version();
            float[] cd = c.float32Data();
            if (useNative) {
                NativeBlas.gemm(m, n, k, (float) alpha, ad, a.version(), transA, bd, b.version(), transB, (float) beta,
                        cd, before, c.version());
            } else {
                JavaGemm.gemm(m, n, k, (float) alpha, ad, transA, bd, transB, (float) beta, cd);
            }
        } else {
            double[] cd = beta == 0 ? new double[m * n] : c.toDoubleArray();
            JavaGemm.gemm(m, n, k, alpha, a.toDoubleArray(), transA, b.toDoubleArray(), transB, beta, cd);
            for (int i = 0; i < cd.length; i++) {
                c.set(i, cd[i]);
            }
        }
    }

    private static boolean all(DType dtype, NDArray a, NDArray b, NDArray c) {
        return a.dtype() == dtype && b.dtype() == dtype && c.dtype() == dtype;
    }
}
