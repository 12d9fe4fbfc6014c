package org.gradus.ops.linalg;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.gradus.backend.cpu.CpuThreads;

/**
 * One product of {@link NativeBlas} cut over the cores ({@link ProductSplit}): each core computes its block of C,
 * on the Java arrays in place (oneDNN's sgemm for float32 where {@link DnnlGemm} is enabled, else OpenBLAS through
 * {@link HeapBlas}) or on off-heap copies (OpenBLAS's cblas). One per thread, reused: its parts read its fields.
 */
final class SplitProduct {
    private final java.util.function.IntConsumer part = this::part;
    private int m;
    private int n;
    private int k;
    private double alpha;
    private double beta;
    private boolean transA;
    private boolean transB;
    private Pointer pa;
    private Pointer pb;
    private Pointer pc;
    private Object c;
    /** The Java arrays of A and B when the product runs on them in place ({@link HeapBlas}), else null. */
    private Object heapA;
    private Object heapB;
    /** The second product's operands and inner dimension ({@link NativeBlas#gemmOfTwo}), else null. */
    private Object heapA2;
    private Object heapB2;
    private int k2;
    private ProductSplit split;

    /**
     * Two products added into C on the Java arrays themselves: each core's block of C gets the first
     * (with beta) and then the second (added), back to back, while the block is in its cache.
     */
    void runTwo(int rows, int cols, int inner1, int inner2, double a, Object arrayA1, Object arrayB1, Object arrayA2,
                Object arrayB2, boolean ta, boolean tb, double b, Object arrayC, ProductSplit cut) {
        heapA2 = arrayA2;
        heapB2 = arrayB2;
        k2 = inner2;
        run(rows, cols, inner1, a, arrayA1, ta, arrayB1, tb, b, arrayC, cut);
        heapA2 = null;
        heapB2 = null;
    }

    /** The product on the Java arrays themselves (no copies), cut over the cores like the copying one. */
    void run(int rows, int cols, int inner, double a, Object arrayA, boolean ta, Object arrayB, boolean tb,
             double b, Object arrayC, ProductSplit cut) {
        heapA = arrayA;
        heapB = arrayB;
        run(rows, cols, inner, a, null, ta, null, tb, b, null, arrayC, cut);
        heapA = null;
        heapB = null;
    }

    void run(int rows, int cols, int inner, double a, Pointer opA, boolean ta,
             Pointer opB, boolean tb, double b, Pointer result,
             Object heapC, ProductSplit cut) {
        m = rows;
        n = cols;
        k = inner;
        alpha = a;
        beta = b;
        transA = ta;
        transB = tb;
        pa = opA;
        pb = opB;
        pc = result;
        c = heapC;
        split = cut;
        CpuThreads.forEach(cut.parts, part);
        pa = null;
        pb = null;
        pc = null;
        c = null;
    }

    private void part(int p) {
        int i0 = split.rowFrom(p);
        int j0 = split.columnFrom(p);
        int rows = split.rowTo(p) - i0;
        int cols = split.columnTo(p) - j0;
        long offA = transA ? i0 : (long) i0 * k;
        long offB = transB ? (long) j0 * k : j0;
        long offC = (long) i0 * n + j0;
        if (heapA != null) {
            inPlace(transA, transB, rows, cols, k, alpha, heapA, (int) offA, transA ? m : k, heapB,
                    (int) offB, transB ? k : n, beta, c, (int) offC, n);
            if (heapA2 != null) {
                long offA2 = transA ? i0 : (long) i0 * k2;
                long offB2 = transB ? (long) j0 * k2 : j0;
                inPlace(transA, transB, rows, cols, k2, alpha, heapA2, (int) offA2, transA ? m : k2, heapB2,
                        (int) offB2, transB ? k2 : n, 1.0, c, (int) offC, n);
            }
            return;
        }
        if (c instanceof float[] z) {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, trans(transA), trans(transB), rows,
                    cols, k, (float) alpha, PointerViews.at(0, (FloatPointer) pa, offA), transA ? m : k,
                    PointerViews.at(1, (FloatPointer) pb, offB), transB ? k : n, (float) beta,
                    PointerViews.at(2, (FloatPointer) pc, offC), n);
            if (split.byRows) {
                PointerViews.at(3, (FloatPointer) pc, (long) i0 * n).get(z, i0 * n, rows * n);
            }
        } else {
            double[] z = (double[]) c;
            openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, trans(transA), trans(transB), rows,
                    cols, k, alpha, PointerViews.at(0, (DoublePointer) pa, offA), transA ? m : k,
                    PointerViews.at(1, (DoublePointer) pb, offB), transB ? k : n, beta,
                    PointerViews.at(2, (DoublePointer) pc, offC), n);
            if (split.byRows) {
                PointerViews.at(3, (DoublePointer) pc, (long) i0 * n).get(z, i0 * n, rows * n);
            }
        }
    }

    /** A block of a product on the Java arrays in place: oneDNN for float32 where enabled, else OpenBLAS. */
    private static void inPlace(boolean transA, boolean transB, int rows, int cols, int k, double alpha, Object a,
                                int offA, int lda, Object b, int offB, int ldb, double beta, Object c, int offC,
                                int ldc) {
        if (c instanceof float[] z && DnnlGemm.isEnabled()) {
            DnnlGemm.gemm(transA, transB, rows, cols, k, (float) alpha, (float[]) a, offA, lda, (float[]) b, offB,
                    ldb, (float) beta, z, offC, ldc);
        } else {
            HeapBlas.gemm(transA, transB, rows, cols, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
        }
    }

    private static int trans(boolean t) {
        return t ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
    }
}
