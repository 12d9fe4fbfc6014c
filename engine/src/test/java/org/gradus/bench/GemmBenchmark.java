package org.gradus.bench;

import java.util.Random;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.gradus.backend.cpu.CpuThreads;
import org.gradus.ops.linalg.Dot;
import org.gradus.ops.linalg.JavaGemm;
import org.gradus.ops.linalg.NativeBlas;
import org.gradus.tensor.NDArray;
import org.gradus.types.DType;

/**
 * GEMM GFLOP/s at n = 128, 512, 1024, 2048, several ways: the engine's product on the Java arrays in place
 * (oneDNN for float32 where it loads, and OpenBLAS), on NDArrays whose
 * contents do not change between calls (OpenBLAS reads its cached off-heap copies; only C is copied
 * back), OpenBLAS handed fresh heap arrays every call (all three copied), OpenBLAS on off-heap
 * memory without any copy and with its own threads, one per core (what NumPy measures; the engine
 * keeps OpenBLAS at one thread and splits products itself), and the pure-Java GEMM.
 */
final class GemmBenchmark {
    private GemmBenchmark() {
    }

    /** One table row per size and way. */
    interface Row {
        void print(String workload, double value, String unit);
    }

    static void run(DType dtype, double budget, Row row) {
        for (int n : new int[] {128, 512, 1024, 2048}) {
            double flops = 2.0 * n * n * n;
            double time = n >= 1024 ? budget * 2 : budget;
            NDArray a = random(dtype, n, n + 1);
            NDArray b = random(dtype, n, n + 2);
            NDArray c = NDArray.zeros(dtype, n, n);
            Dot dot = new Dot();
            NDArray[] in = {a, b};
            NDArray[] out = {c};
            if (NativeBlas.isLoaded()) {
                if (dtype == DType.FLOAT32 && NativeBlas.usesOneDnn()) {
                    row.print("GEMM n=" + n + ", oneDNN in place",
                            flops / 1e9 / Stopwatch.median(() -> dot.perform(in, out), time), "GFLOP/s");
                }
                if (NativeBlas.isInPlace()) { // OpenBLAS alone, also for float32
                    boolean oneDnn = NativeBlas.usesOneDnn();
                    NativeBlas.setOneDnn(false);
                    try {
                        row.print("GEMM n=" + n + ", OpenBLAS in place",
                                flops / 1e9 / Stopwatch.median(() -> dot.perform(in, out), time), "GFLOP/s");
                    } finally {
                        NativeBlas.setOneDnn(oneDnn);
                    }
                }
                NativeBlas.setInPlace(false);
                try {
                    row.print("GEMM n=" + n + ", OpenBLAS copies, cached",
                            flops / 1e9 / Stopwatch.median(() -> dot.perform(in, out), time), "GFLOP/s");
                    copiedAndOffHeap(dtype, n, flops, time, a, b, c, row);
                } finally {
                    NativeBlas.setInPlace(true);
                }
            }
            NativeBlas.setEnabled(false);
            try {
                row.print("GEMM n=" + n + ", pure Java", flops / 1e9 / Stopwatch.median(() -> dot.perform(in, out),
                        n >= 2048 ? budget * 3 : budget), "GFLOP/s");
            } finally {
                NativeBlas.setEnabled(true);
            }
        }
    }

    /** Through NativeBlas with fresh heap operands copied off the heap, and cblas on off-heap memory with OpenBLAS's threads. */
    private static void copiedAndOffHeap(DType dtype, int n, double flops, double time, NDArray a, NDArray b, NDArray c,
                                         Row row) {
        if (dtype == DType.FLOAT32) {
            float[] ad = a.float32DataForReading();
            float[] bd = b.float32DataForReading();
            float[] cd = c.float32Data();
            row.print("GEMM n=" + n + ", OpenBLAS copies, fresh", flops / 1e9 / Stopwatch.median(
                    () -> NativeBlas.gemm(n, n, n, 1f, ad, false, bd, false, 0f, cd), time), "GFLOP/s");
            try (FloatPointer pa = new FloatPointer(ad); FloatPointer pb = new FloatPointer(bd);
                 FloatPointer pc = new FloatPointer((long) n * n); OwnThreads threads = new OwnThreads()) {
                row.print("GEMM n=" + n + ", OpenBLAS off-heap, own threads", flops / 1e9 / Stopwatch.median(
                        () -> openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                                openblas_nolapack.CblasNoTrans, openblas_nolapack.CblasNoTrans, n, n, n, 1f, pa,
                                n, pb, n, 0f, pc, n), time), "GFLOP/s");
            }
        } else {
            double[] ad = a.float64DataForReading();
            double[] bd = b.float64DataForReading();
            double[] cd = c.float64Data();
            row.print("GEMM n=" + n + ", OpenBLAS copies, fresh", flops / 1e9 / Stopwatch.median(
                    () -> NativeBlas.gemm(n, n, n, 1, ad, false, bd, false, 0, cd), time), "GFLOP/s");
            try (DoublePointer pa = new DoublePointer(ad); DoublePointer pb = new DoublePointer(bd);
                 DoublePointer pc = new DoublePointer((long) n * n); OwnThreads threads = new OwnThreads()) {
                row.print("GEMM n=" + n + ", OpenBLAS off-heap, own threads", flops / 1e9 / Stopwatch.median(
                        () -> openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor,
                                openblas_nolapack.CblasNoTrans, openblas_nolapack.CblasNoTrans, n, n, n, 1, pa,
                                n, pb, n, 0, pc, n), time), "GFLOP/s");
            }
        }
    }

    /** OpenBLAS runs with one thread per core while open, and with one thread again after. */
    private static final class OwnThreads implements AutoCloseable {
        OwnThreads() {
            org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(CpuThreads.parallelism());
        }

        @Override
        public void close() {
            org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(1);
        }
    }

    private static NDArray random(DType dtype, int n, long seed) {
        Random r = new Random(seed);
        NDArray x = NDArray.zeros(dtype, n, n);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, r.nextDouble());
        }
        return x;
    }
}
