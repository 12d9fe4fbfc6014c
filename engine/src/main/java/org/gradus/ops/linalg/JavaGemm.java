package org.gradus.ops.linalg;

import org.gradus.backend.cpu.CpuThreads;

/**
 * The pure-Java GEMM: {@code C = alpha · op(A) · op(B) + beta · C} on row-major heap arrays, where
 * {@code op(X)} is X or its transpose. It is the always-available fallback of {@link MatMul} and the
 * readable reference for what a BLAS does:
 * <ul>
 *   <li><b>cache blocking</b> — B is copied ("packed") in panels of {@value #KC} rows × {@value #NC}
 *       columns that stay in the L2 cache while every row of A streams past them; packing also reads a
 *       transposed B once, so the inner loop always runs over contiguous memory;</li>
 *   <li><b>register tiling</b> — the inner loop updates one row segment of C from four rows of the
 *       panel at once ({@code c[j] += a0·b0[j] + a1·b1[j] + a2·b2[j] + a3·b3[j]}), four multiply-adds per
 *       load and store of C. The segment is accumulated in a separate array and the panel's rows are
 *       separate arrays, all indexed from 0: C2 vectorizes such a loop into SIMD instructions, but not
 *       one that reads several offsets of the same array (measured: 4-5× slower);</li>
 *   <li><b>threads</b> — above {@link CpuThreads#SPLIT_THRESHOLD} multiply-adds the rows of C (or its
 *       columns, for a short wide C) are cut into one range per core.</li>
 * </ul>
 * The float32 kernel is the float64 one with the element type changed.
 */
public final class JavaGemm {
    static final int KC = 256;
    static final int NC = 256;
    private static final ThreadLocal<double[][]> PANEL64 = ThreadLocal.withInitial(() -> new double[KC][NC]);
    private static final ThreadLocal<float[][]> PANEL32 = ThreadLocal.withInitial(() -> new float[KC][NC]);
    /** One row segment of C, accumulated at offset 0 (see {@code fma4}). */
    private static final ThreadLocal<double[]> ACC64 = ThreadLocal.withInitial(() -> new double[NC]);
    private static final ThreadLocal<float[]> ACC32 = ThreadLocal.withInitial(() -> new float[NC]);
    private static final ThreadLocal<double[]> ACC2_64 = ThreadLocal.withInitial(() -> new double[NC]);
    private static final ThreadLocal<float[]> ACC2_32 = ThreadLocal.withInitial(() -> new float[NC]);

    private JavaGemm() {
    }

    /**
     * {@code C (m×n) = alpha · op(A) · op(B) + beta · C}, with op(A) m×k and op(B) k×n. A is stored
     * m×k, or k×m when {@code transA}; B is k×n, or n×k when {@code transB}. With {@code beta == 0} C's
     * old contents are ignored (NaN included), as in BLAS.
     */
    public static void gemm(int m, int n, int k, double alpha, double[] a, boolean transA, double[] b,
                            boolean transB, double beta, double[] c) {
        long work = (long) m * n * k;
        if (!CpuThreads.worthSplitting(work)) {
            block64(0, m, 0, n, m, n, k, alpha, a, transA, b, transB, beta, c);
            return;
        }
        int parts = CpuThreads.parallelism();
        boolean byRows = m >= 8 * parts;
        CpuThreads.forEach(parts, part -> {
            if (byRows) {
                int i0 = CpuThreads.partStart(m, parts, part, 4);
                int i1 = CpuThreads.partStart(m, parts, part + 1, 4);
                block64(i0, i1, 0, n, m, n, k, alpha, a, transA, b, transB, beta, c);
            } else {
                int j0 = CpuThreads.partStart(n, parts, part, 16);
                int j1 = CpuThreads.partStart(n, parts, part + 1, 16);
                block64(0, m, j0, j1, m, n, k, alpha, a, transA, b, transB, beta, c);
            }
        });
    }

    /** Computes rows {@code [i0, i1)} and columns {@code [j0, j1)} of C. */
    private static void block64(int i0, int i1, int j0, int j1, int m, int n, int k, double alpha, double[] a,
                                boolean transA, double[] b, boolean transB, double beta, double[] c) {
        for (int i = i0; i < i1; i++) {
            int row = i * n;
            for (int j = j0; j < j1; j++) {
                c[row + j] = beta == 0 ? 0 : beta * c[row + j];
            }
        }
        if (alpha == 0 || k == 0) {
            return;
        }
        // a row vector times a plain B, or a rank-1..7 update, reads B in place: packing would cost as much
        // as the product. Those shapes run in their own method with their own inner loop: the JIT compiles
        // each loop for the trip counts it saw, and the packed kernel must not be compiled for theirs (a run
        // of minibatch-1 steps made the 1024³ product 3.5× slower when they shared it)
        if (transB || (i1 - i0 > 2 && k >= 8)) {
            packed64(i0, i1, j0, j1, m, n, k, alpha, a, transA, b, transB, c);
        } else {
            unpacked64(i0, i1, j0, j1, m, n, k, alpha, a, transA, b, c);
        }
    }

    private static void packed64(int i0, int i1, int j0, int j1, int m, int n, int k, double alpha, double[] a,
                                 boolean transA, double[] b, boolean transB, double[] c) {
        double[][] panel = PANEL64.get();
        double[] acc = ACC64.get();
        double[] acc2 = ACC2_64.get();
        int lda = transA ? m : k;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            for (int jc = j0; jc < j1; jc += NC) {
                int nc = Math.min(NC, j1 - jc);
                packB64(b, transB, n, k, pc, kc, jc, nc, panel);
                int i = i0;
                for (; i + 1 < i1; i += 2) {
                    twoRows(i, n, jc, nc, kc, pc, lda, alpha, a, transA, panel, acc, acc2, c);
                }
                for (; i < i1; i++) {
                    int cOff = i * n + jc;
                    System.arraycopy(c, cOff, acc, 0, nc);
                    int p = 0;
                    for (; p + 3 < kc; p += 4) {
                        fma4(acc, nc, panel[p], panel[p + 1], panel[p + 2], panel[p + 3],
                                alpha * a[packedIndex(transA, i, pc + p, lda)], alpha * a[packedIndex(transA, i, pc + p + 1, lda)],
                                alpha * a[packedIndex(transA, i, pc + p + 2, lda)], alpha * a[packedIndex(transA, i, pc + p + 3, lda)]);
                    }
                    for (; p < kc; p++) {
                        fma1(acc, nc, panel[p], 0, alpha * a[packedIndex(transA, i, pc + p, lda)]);
                    }
                    System.arraycopy(acc, 0, c, cOff, nc);
                }
            }
        }
    }

    private static void unpacked64(int i0, int i1, int j0, int j1, int m, int n, int k, double alpha, double[] a,
                                   boolean transA, double[] b, double[] c) {
        double[] acc = ACC64.get();
        int lda = transA ? m : k;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            for (int jc = j0; jc < j1; jc += NC) {
                int nc = Math.min(NC, j1 - jc);
                for (int i = i0; i < i1; i++) {
                    int cOff = i * n + jc;
                    System.arraycopy(c, cOff, acc, 0, nc);
                    for (int p = 0; p < kc; p++) {
                        unpackedRow(acc, nc, b, (pc + p) * n + jc, alpha * a[index(transA, i, pc + p, lda)]);
                    }
                    System.arraycopy(acc, 0, c, cOff, nc);
                }
            }
        }
    }

    /**
     * {@code acc[j] += a0·b0[j] + a1·b1[j] + a2·b2[j] + a3·b3[j]}: every array indexed from 0, which is
     * what lets C2 turn the loop into SIMD instructions (offsets into one array defeat it).
     */
    private static void fma4(double[] acc, int nc, double[] b0, double[] b1, double[] b2, double[] b3, double a0, double a1, double a2, double a3) {
        for (int j = 0; j < nc; j++) {
            acc[j] = Math.fma(a3, b3[j], Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], acc[j]))));
        }
    }

    /** {@code acc[j] += a0·b[from + j]}. */
    private static void fma1(double[] acc, int nc, double[] b, int from, double a0) {
        for (int j = 0; j < nc; j++) {
            acc[j] = Math.fma(a0, b[from + j], acc[j]);
        }
    }

    /** {@code acc += a0 · b[from, from + nc)} for the unpacked shapes: fma1's twin, kept apart for the JIT's profile. */
    private static void unpackedRow(double[] acc, int nc, double[] b, int from, double a0) {
        for (int j = 0; j < nc; j++) {
            acc[j] = Math.fma(a0, b[from + j], acc[j]);
        }
    }

    /** Rows i and i + 1 of C's segment at once: each panel row loaded feeds both rows' multiply-adds. */
    private static void twoRows(int i, int n, int jc, int nc, int kc, int pc, int lda, double alpha, double[] a,
                                boolean transA, double[][] panel, double[] acc, double[] acc2, double[] c) {
        int cOff = i * n + jc;
        System.arraycopy(c, cOff, acc, 0, nc);
        System.arraycopy(c, cOff + n, acc2, 0, nc);
        int p = 0;
        for (; p + 3 < kc; p += 4) {
            int q = pc + p;
            fma4x2(acc, acc2, nc, panel[p], panel[p + 1], panel[p + 2], panel[p + 3],
                    alpha * a[packedIndex(transA, i, q, lda)], alpha * a[packedIndex(transA, i, q + 1, lda)],
                    alpha * a[packedIndex(transA, i, q + 2, lda)], alpha * a[packedIndex(transA, i, q + 3, lda)],
                    alpha * a[packedIndex(transA, i + 1, q, lda)], alpha * a[packedIndex(transA, i + 1, q + 1, lda)],
                    alpha * a[packedIndex(transA, i + 1, q + 2, lda)], alpha * a[packedIndex(transA, i + 1, q + 3, lda)]);
        }
        for (; p < kc; p++) {
            fma1(acc, nc, panel[p], 0, alpha * a[packedIndex(transA, i, pc + p, lda)]);
            fma1(acc2, nc, panel[p], 0, alpha * a[packedIndex(transA, i + 1, pc + p, lda)]);
        }
        System.arraycopy(acc, 0, c, cOff, nc);
        System.arraycopy(acc2, 0, c, cOff + n, nc);
    }

    /** {@link #fma4} for two rows of C sharing the four panel rows. */
    private static void fma4x2(double[] acc, double[] acc2, int nc, double[] b0, double[] b1, double[] b2, double[] b3, double a0, double a1,
                               double a2, double a3, double e0, double e1, double e2, double e3) {
        for (int j = 0; j < nc; j++) {
            double x0 = b0[j];
            double x1 = b1[j];
            double x2 = b2[j];
            double x3 = b3[j];
            acc[j] = Math.fma(a3, x3, Math.fma(a2, x2, Math.fma(a1, x1, Math.fma(a0, x0, acc[j]))));
            acc2[j] = Math.fma(e3, x3, Math.fma(e2, x2, Math.fma(e1, x1, Math.fma(e0, x0, acc2[j]))));
        }
    }

    /** Copies op(B)[pc:pc+kc, jc:jc+nc] into the first kc rows of {@code panel}, nc elements each. */
    private static void packB64(double[] b, boolean transB, int n, int k, int pc, int kc, int jc, int nc,
                                double[][] panel) {
        if (!transB) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, (pc + p) * n + jc, panel[p], 0, nc);
            }
            return;
        }
        for (int j = 0; j < nc; j++) {
            int src = (jc + j) * k + pc;
            for (int p = 0; p < kc; p++) {
                panel[p][j] = b[src + p];
            }
        }
    }

    /** The float32 form of {@link #gemm(int, int, int, double, double[], boolean, double[], boolean, double, double[])}. */
    public static void gemm(int m, int n, int k, float alpha, float[] a, boolean transA, float[] b,
                            boolean transB, float beta, float[] c) {
        long work = (long) m * n * k;
        if (!CpuThreads.worthSplitting(work)) {
            block32(0, m, 0, n, m, n, k, alpha, a, transA, b, transB, beta, c);
            return;
        }
        int parts = CpuThreads.parallelism();
        boolean byRows = m >= 8 * parts;
        CpuThreads.forEach(parts, part -> {
            if (byRows) {
                int i0 = CpuThreads.partStart(m, parts, part, 4);
                int i1 = CpuThreads.partStart(m, parts, part + 1, 4);
                block32(i0, i1, 0, n, m, n, k, alpha, a, transA, b, transB, beta, c);
            } else {
                int j0 = CpuThreads.partStart(n, parts, part, 16);
                int j1 = CpuThreads.partStart(n, parts, part + 1, 16);
                block32(0, m, j0, j1, m, n, k, alpha, a, transA, b, transB, beta, c);
            }
        });
    }

    private static void block32(int i0, int i1, int j0, int j1, int m, int n, int k, float alpha, float[] a,
                                boolean transA, float[] b, boolean transB, float beta, float[] c) {
        for (int i = i0; i < i1; i++) {
            int row = i * n;
            for (int j = j0; j < j1; j++) {
                c[row + j] = beta == 0 ? 0 : beta * c[row + j];
            }
        }
        if (alpha == 0 || k == 0) {
            return;
        }
        // a row vector times a plain B, or a rank-1..7 update, reads B in place: packing would cost as much
        // as the product. Those shapes run in their own method with their own inner loop: the JIT compiles
        // each loop for the trip counts it saw, and the packed kernel must not be compiled for theirs (a run
        // of minibatch-1 steps made the 1024³ product 3.5× slower when they shared it)
        if (transB || (i1 - i0 > 2 && k >= 8)) {
            packed32(i0, i1, j0, j1, m, n, k, alpha, a, transA, b, transB, c);
        } else {
            unpacked32(i0, i1, j0, j1, m, n, k, alpha, a, transA, b, c);
        }
    }

    private static void packed32(int i0, int i1, int j0, int j1, int m, int n, int k, float alpha, float[] a,
                                 boolean transA, float[] b, boolean transB, float[] c) {
        float[][] panel = PANEL32.get();
        float[] acc = ACC32.get();
        float[] acc2 = ACC2_32.get();
        int lda = transA ? m : k;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            for (int jc = j0; jc < j1; jc += NC) {
                int nc = Math.min(NC, j1 - jc);
                packB32(b, transB, n, k, pc, kc, jc, nc, panel);
                int i = i0;
                for (; i + 1 < i1; i += 2) {
                    twoRows(i, n, jc, nc, kc, pc, lda, alpha, a, transA, panel, acc, acc2, c);
                }
                for (; i < i1; i++) {
                    int cOff = i * n + jc;
                    System.arraycopy(c, cOff, acc, 0, nc);
                    int p = 0;
                    for (; p + 3 < kc; p += 4) {
                        fma4(acc, nc, panel[p], panel[p + 1], panel[p + 2], panel[p + 3],
                                alpha * a[packedIndex(transA, i, pc + p, lda)], alpha * a[packedIndex(transA, i, pc + p + 1, lda)],
                                alpha * a[packedIndex(transA, i, pc + p + 2, lda)], alpha * a[packedIndex(transA, i, pc + p + 3, lda)]);
                    }
                    for (; p < kc; p++) {
                        fma1(acc, nc, panel[p], 0, alpha * a[packedIndex(transA, i, pc + p, lda)]);
                    }
                    System.arraycopy(acc, 0, c, cOff, nc);
                }
            }
        }
    }

    private static void unpacked32(int i0, int i1, int j0, int j1, int m, int n, int k, float alpha, float[] a,
                                   boolean transA, float[] b, float[] c) {
        float[] acc = ACC32.get();
        int lda = transA ? m : k;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            for (int jc = j0; jc < j1; jc += NC) {
                int nc = Math.min(NC, j1 - jc);
                for (int i = i0; i < i1; i++) {
                    int cOff = i * n + jc;
                    System.arraycopy(c, cOff, acc, 0, nc);
                    for (int p = 0; p < kc; p++) {
                        unpackedRow(acc, nc, b, (pc + p) * n + jc, alpha * a[index(transA, i, pc + p, lda)]);
                    }
                    System.arraycopy(acc, 0, c, cOff, nc);
                }
            }
        }
    }

    /**
     * {@code acc[j] += a0·b0[j] + a1·b1[j] + a2·b2[j] + a3·b3[j]}: every array indexed from 0, which is
     * what lets C2 turn the loop into SIMD instructions (offsets into one array defeat it).
     */
    private static void fma4(float[] acc, int nc, float[] b0, float[] b1, float[] b2, float[] b3, float a0, float a1, float a2, float a3) {
        for (int j = 0; j < nc; j++) {
            acc[j] = Math.fma(a3, b3[j], Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], acc[j]))));
        }
    }

    /** {@code acc[j] += a0·b[from + j]}. */
    private static void fma1(float[] acc, int nc, float[] b, int from, float a0) {
        for (int j = 0; j < nc; j++) {
            acc[j] = Math.fma(a0, b[from + j], acc[j]);
        }
    }

    /** The float32 form of {@link #unpackedRow(double[], int, double[], int, double)}. */
    private static void unpackedRow(float[] acc, int nc, float[] b, int from, float a0) {
        for (int j = 0; j < nc; j++) {
            acc[j] = Math.fma(a0, b[from + j], acc[j]);
        }
    }

    /** Rows i and i + 1 of C's segment at once: each panel row loaded feeds both rows' multiply-adds. */
    private static void twoRows(int i, int n, int jc, int nc, int kc, int pc, int lda, float alpha, float[] a,
                                boolean transA, float[][] panel, float[] acc, float[] acc2, float[] c) {
        int cOff = i * n + jc;
        System.arraycopy(c, cOff, acc, 0, nc);
        System.arraycopy(c, cOff + n, acc2, 0, nc);
        int p = 0;
        for (; p + 3 < kc; p += 4) {
            int q = pc + p;
            fma4x2(acc, acc2, nc, panel[p], panel[p + 1], panel[p + 2], panel[p + 3],
                    alpha * a[packedIndex(transA, i, q, lda)], alpha * a[packedIndex(transA, i, q + 1, lda)],
                    alpha * a[packedIndex(transA, i, q + 2, lda)], alpha * a[packedIndex(transA, i, q + 3, lda)],
                    alpha * a[packedIndex(transA, i + 1, q, lda)], alpha * a[packedIndex(transA, i + 1, q + 1, lda)],
                    alpha * a[packedIndex(transA, i + 1, q + 2, lda)], alpha * a[packedIndex(transA, i + 1, q + 3, lda)]);
        }
        for (; p < kc; p++) {
            fma1(acc, nc, panel[p], 0, alpha * a[packedIndex(transA, i, pc + p, lda)]);
            fma1(acc2, nc, panel[p], 0, alpha * a[packedIndex(transA, i + 1, pc + p, lda)]);
        }
        System.arraycopy(acc, 0, c, cOff, nc);
        System.arraycopy(acc2, 0, c, cOff + n, nc);
    }

    /** {@link #fma4} for two rows of C sharing the four panel rows. */
    private static void fma4x2(float[] acc, float[] acc2, int nc, float[] b0, float[] b1, float[] b2, float[] b3, float a0, float a1,
                               float a2, float a3, float e0, float e1, float e2, float e3) {
        for (int j = 0; j < nc; j++) {
            float x0 = b0[j];
            float x1 = b1[j];
            float x2 = b2[j];
            float x3 = b3[j];
            acc[j] = Math.fma(a3, x3, Math.fma(a2, x2, Math.fma(a1, x1, Math.fma(a0, x0, acc[j]))));
            acc2[j] = Math.fma(e3, x3, Math.fma(e2, x2, Math.fma(e1, x1, Math.fma(e0, x0, acc2[j]))));
        }
    }

    /** Copies op(B)[pc:pc+kc, jc:jc+nc] into the first kc rows of {@code panel}, nc elements each. */
    private static void packB32(float[] b, boolean transB, int n, int k, int pc, int kc, int jc, int nc,
                                float[][] panel) {
        if (!transB) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, (pc + p) * n + jc, panel[p], 0, nc);
            }
            return;
        }
        for (int j = 0; j < nc; j++) {
            int src = (jc + j) * k + pc;
            for (int p = 0; p < kc; p++) {
                panel[p][j] = b[src + p];
            }
        }
    }

    /** The flat index of op(A)[i, p]: A is m×k row-major, or k×m when transposed. */
    private static int index(boolean trans, int i, int p, int ld) {
        return trans ? p * ld + i : i * ld + p;
    }

    /**
     * {@link #index}'s twin for the packed kernel: the JIT specializes a helper for the branch it has seen,
     * and the rank-1 updates of minibatch-1 steps (always transposed) must not shape the kernel's copy.
     */
    private static int packedIndex(boolean trans, int i, int p, int ld) {
        return trans ? p * ld + i : i * ld + p;
    }
}
