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
 *   <li><b>register tiling</b> — the inner loop updates one row of C from four rows of the panel at
 *       once ({@code c[j] += a0·b0[j] + a1·b1[j] + a2·b2[j] + a3·b3[j]}), four multiply-adds per load
 *       and store of C, in a plain loop that C2 turns into SIMD instructions;</li>
 *   <li><b>threads</b> — above {@link CpuThreads#SPLIT_THRESHOLD} multiply-adds the rows of C (or its
 *       columns, for a short wide C) are cut into one range per core.</li>
 * </ul>
 * The float32 kernel is the float64 one with the element type changed.
 */
public final class JavaGemm {
    static final int KC = 256;
    static final int NC = 256;
    private static final ThreadLocal<double[]> PANEL64 = ThreadLocal.withInitial(() -> new double[KC * NC]);
    private static final ThreadLocal<float[]> PANEL32 = ThreadLocal.withInitial(() -> new float[KC * NC]);

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
        // a row vector times a plain B reads B in place: packing would cost as much as the product
        boolean pack = transB || i1 - i0 > 2;
        double[] panel = pack ? PANEL64.get() : null;
        int lda = transA ? m : k;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            for (int jc = j0; jc < j1; jc += NC) {
                int nc = Math.min(NC, j1 - jc);
                double[] bs;
                int bOff;
                int ldb;
                if (pack) {
                    packB64(b, transB, n, k, pc, kc, jc, nc, panel);
                    bs = panel;
                    bOff = 0;
                    ldb = nc;
                } else {
                    bs = b;
                    bOff = pc * n + jc;
                    ldb = n;
                }
                for (int i = i0; i < i1; i++) {
                    int cOff = i * n + jc;
                    int p = 0;
                    for (; p + 3 < kc; p += 4) {
                        double a0 = alpha * a[index(transA, i, pc + p, lda)];
                        double a1 = alpha * a[index(transA, i, pc + p + 1, lda)];
                        double a2 = alpha * a[index(transA, i, pc + p + 2, lda)];
                        double a3 = alpha * a[index(transA, i, pc + p + 3, lda)];
                        int b0 = bOff + p * ldb;
                        int b1 = b0 + ldb;
                        int b2 = b1 + ldb;
                        int b3 = b2 + ldb;
                        for (int j = 0; j < nc; j++) {
                            c[cOff + j] = Math.fma(a3, bs[b3 + j], Math.fma(a2, bs[b2 + j],
                                    Math.fma(a1, bs[b1 + j], Math.fma(a0, bs[b0 + j], c[cOff + j]))));
                        }
                    }
                    for (; p < kc; p++) {
                        double a0 = alpha * a[index(transA, i, pc + p, lda)];
                        int b0 = bOff + p * ldb;
                        for (int j = 0; j < nc; j++) {
                            c[cOff + j] = Math.fma(a0, bs[b0 + j], c[cOff + j]);
                        }
                    }
                }
            }
        }
    }

    /** The flat index of op(A)[i, p]: A is m×k row-major, or k×m when transposed. */
    private static int index(boolean trans, int i, int p, int ld) {
        return trans ? p * ld + i : i * ld + p;
    }

    /** Copies op(B)[pc:pc+kc, jc:jc+nc] into {@code panel} as kc contiguous rows of nc. */
    private static void packB64(double[] b, boolean transB, int n, int k, int pc, int kc, int jc, int nc,
                                double[] panel) {
        if (!transB) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, (pc + p) * n + jc, panel, p * nc, nc);
            }
            return;
        }
        for (int j = 0; j < nc; j++) {
            int src = (jc + j) * k + pc;
            for (int p = 0; p < kc; p++) {
                panel[p * nc + j] = b[src + p];
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
        boolean pack = transB || i1 - i0 > 2;
        float[] panel = pack ? PANEL32.get() : null;
        int lda = transA ? m : k;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            for (int jc = j0; jc < j1; jc += NC) {
                int nc = Math.min(NC, j1 - jc);
                float[] bs;
                int bOff;
                int ldb;
                if (pack) {
                    packB32(b, transB, n, k, pc, kc, jc, nc, panel);
                    bs = panel;
                    bOff = 0;
                    ldb = nc;
                } else {
                    bs = b;
                    bOff = pc * n + jc;
                    ldb = n;
                }
                for (int i = i0; i < i1; i++) {
                    int cOff = i * n + jc;
                    int p = 0;
                    for (; p + 3 < kc; p += 4) {
                        float a0 = alpha * a[index(transA, i, pc + p, lda)];
                        float a1 = alpha * a[index(transA, i, pc + p + 1, lda)];
                        float a2 = alpha * a[index(transA, i, pc + p + 2, lda)];
                        float a3 = alpha * a[index(transA, i, pc + p + 3, lda)];
                        int b0 = bOff + p * ldb;
                        int b1 = b0 + ldb;
                        int b2 = b1 + ldb;
                        int b3 = b2 + ldb;
                        for (int j = 0; j < nc; j++) {
                            c[cOff + j] = Math.fma(a3, bs[b3 + j], Math.fma(a2, bs[b2 + j],
                                    Math.fma(a1, bs[b1 + j], Math.fma(a0, bs[b0 + j], c[cOff + j]))));
                        }
                    }
                    for (; p < kc; p++) {
                        float a0 = alpha * a[index(transA, i, pc + p, lda)];
                        int b0 = bOff + p * ldb;
                        for (int j = 0; j < nc; j++) {
                            c[cOff + j] = Math.fma(a0, bs[b0 + j], c[cOff + j]);
                        }
                    }
                }
            }
        }
    }

    private static void packB32(float[] b, boolean transB, int n, int k, int pc, int kc, int jc, int nc,
                                float[] panel) {
        if (!transB) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, (pc + p) * n + jc, panel, p * nc, nc);
            }
            return;
        }
        for (int j = 0; j < nc; j++) {
            int src = (jc + j) * k + pc;
            for (int p = 0; p < kc; p++) {
                panel[p * nc + j] = b[src + p];
            }
        }
    }
}
