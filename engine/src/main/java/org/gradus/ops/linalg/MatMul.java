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

    /**
     * {@code C = alpha · (op(A1)·op(B1) + op(A2)·op(B2)) + beta · C} for matrices, the products of the same
     * flags and of C's shape ({@link GemmOfTwoProducts}). A short inner dimension joins the operands into this
     * thread's scratch arrays and multiplies once; a longer one runs two products per core's block of C on
     * OpenBLAS's in-place path, or two whole products elsewhere.
     */
    static void gemmOfTwo(double alpha, NDArray a1, NDArray b1, NDArray a2, NDArray b2, boolean transA, boolean transB,
                          double beta, NDArray c) {
        int k1 = transA ? a1.dim(0) : a1.dim(1);
        int k2 = transA ? a2.dim(0) : a2.dim(1);
        if (k1 + k2 <= GemmOfTwoProducts.JOIN_MAX_INNER) {
            NDArray[] joined = JOINED.get();
            joined[0] = join(joined[0], a1, a2, transA ? 0 : 1);
            joined[1] = join(joined[1], b1, b2, transB ? 1 : 0);
            gemm(alpha, joined[0], transA, joined[1], transB, beta, c);
            return;
        }
        int m = transA ? a1.dim(1) : a1.dim(0);
        int n = transB ? b1.dim(0) : b1.dim(1);
        DType d = c.dtype();
        boolean floats = (d == DType.FLOAT32 || d == DType.FLOAT64) && all(d, a1, b1, c) && all(d, a2, b2, c);
        if (floats && NativeBlas.isInPlace() && m >= NATIVE_MIN_SIDE && n >= NATIVE_MIN_SIDE) {
            if (d == DType.FLOAT32) {
                NativeBlas.gemmOfTwo(m, n, k1, k2, alpha, a1.float32DataForReading(), b1.float32DataForReading(),
                        a2.float32DataForReading(), b2.float32DataForReading(), transA, transB, beta, c.float32Data());
            } else {
                NativeBlas.gemmOfTwo(m, n, k1, k2, alpha, a1.float64DataForReading(), b1.float64DataForReading(),
                        a2.float64DataForReading(), b2.float64DataForReading(), transA, transB, beta, c.float64Data());
            }
            return;
        }
        gemm(alpha, a1, transA, b1, transB, beta, c);
        gemm(alpha, a2, transA, b2, transB, 1, c);
    }

    /** Per thread: the joined operands of {@link #gemmOfTwo}, reused while their shapes repeat. */
    private static final ThreadLocal<NDArray[]> JOINED = ThreadLocal.withInitial(() -> new NDArray[2]);

    /** {@code x1} and {@code x2} (matrices of one dtype) joined along {@code axis}, written into {@code into} when it fits. */
    private static NDArray join(NDArray into, NDArray x1, NDArray x2, int axis) {
        int rows = axis == 0 ? x1.dim(0) + x2.dim(0) : x1.dim(0);
        int cols = axis == 1 ? x1.dim(1) + x2.dim(1) : x1.dim(1);
        if (x1.dtype() != x2.dtype() || x1.dim(1 - axis) != x2.dim(1 - axis)) {
            throw new ShapeException("gemm2: cannot join " + Arrays.toString(x1.shape()) + " and "
                    + Arrays.toString(x2.shape()) + " along axis " + axis);
        }
        NDArray out = into != null && into.dtype() == x1.dtype() && into.ndim() == 2 && into.dim(0) == rows
                && into.dim(1) == cols ? into : NDArray.zeros(x1.dtype(), rows, cols);
        if (axis == 0) {
            x1.copyRange(0, out, 0, x1.size());
            x2.copyRange(0, out, x1.size(), x2.size());
        } else {
            int c1 = x1.dim(1);
            int c2 = x2.dim(1);
            for (int r = 0; r < rows; r++) {
                x1.copyRange(r * c1, out, r * cols, c1);
                x2.copyRange(r * c2, out, r * cols + c1, c2);
            }
        }
        return out;
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
