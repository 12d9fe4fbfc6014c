package org.gradus.bench;

import java.util.Locale;
import java.util.Random;
import org.gradus.backend.cpu.CpuThreads;
import org.gradus.backend.cpu.codegen.LoopCompiler;
import org.gradus.compile.Function;
import org.gradus.compile.Mode;
import org.gradus.ops.linalg.NativeBlas;
import org.gradus.tensor.NDArray;
import org.gradus.types.DType;

/**
 * Prints the CPU benchmarks of issue 8 for float32 and float64: the MLP and denoising-autoencoder
 * training steps, sigmoid forward + gradient, GEMM (OpenBLAS and pure Java), the call overhead of a
 * tiny function and the compile time of the MLP step, each optimized ({@code FAST_RUN}) and
 * node by node ({@code Mode.NONE}). Run:
 * <pre>mvn -B -q -pl engine test-compile exec:exec@bench</pre>
 * An argument {@code quick} shortens every measurement (for a smoke run); {@code gemm} runs only the
 * GEMM rows ({@code -Dbench.args=gemm}); {@code steps} only the optimized training steps, to compare a change
 * quickly.
 */
public final class Benchmarks {
    private static double budget = 1.2;

    private Benchmarks() {
    }

    public static void main(String[] args) {
        java.util.List<String> options = java.util.Arrays.asList(args);
        if (options.contains("quick")) {
            budget = 0.2;
        }
        try {
            // a fresh disk cache, so that the first compile of generated loops is measured cold
            System.setProperty("gradus.codegen.cache",
                    java.nio.file.Files.createTempDirectory("gradus-bench-codegen").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        System.out.printf(Locale.ROOT, "Gradus CPU benchmarks: %d cores, Java %s, load average %.2f, OpenBLAS %s, %s%n",
                CpuThreads.parallelism(), System.getProperty("java.version"),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                NativeBlas.isLoaded() ? (NativeBlas.isInPlace() ? "loaded (on the Java arrays)" : "loaded (operands copied)")
                        + (NativeBlas.usesOneDnn() ? ", float32 products by oneDNN" : "")
                        : "not loaded (pure-Java GEMM only)",
                LoopCompiler.vectorLoops() ? "Vector API loops" : "scalar loops (no --add-modules jdk.incubator.vector)");
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            if (options.contains("gemm")) {
                gemm(dtype);
                continue;
            }
            Workloads w = new Workloads(dtype);
            if (options.contains("steps")) {
                steps(w, dtype.toString().toLowerCase(Locale.ROOT) + " " + Mode.FAST_RUN, Mode.FAST_RUN);
                continue;
            }
            int before = LoopCompiler.shared().compiledSources();
            long t0 = System.nanoTime();
            Function first = w.mlpStep(20, Mode.FAST_RUN);
            double firstMs = (System.nanoTime() - t0) / 1e6;
            String t = dtype.toString().toLowerCase(Locale.ROOT) + " FAST_RUN";
            row(t, "first MLP compile (" + (LoopCompiler.shared().compiledSources() - before) + " loops, cold javac)",
                    firstMs, "ms");
            row(t, "  of which javac, one call for all loops", LoopCompiler.shared().lastCompileMillis(), "ms");
            for (Mode mode : new Mode[] {Mode.FAST_RUN, Mode.NONE}) {
                String tag = dtype.toString().toLowerCase(Locale.ROOT) + " " + mode;
                steps(w, tag, mode);
                NDArray x = NDArray.zeros(dtype, 10_000_000);
                Random r = new Random(3);
                for (int i = 0; i < x.size(); i++) {
                    x.set(i, r.nextGaussian());
                }
                Function sig = Workloads.sigmoidForwardAndGradient(dtype, x.size(), mode);
                row(tag, "sigmoid forward + gradient, 10^7", 1e3 * Stopwatch.median(() -> sig.callAll(x), budget * 2), "ms");
                Function logistic = Workloads.scalarLogistic(dtype, mode);
                NDArray half = NDArray.scalar(dtype, 0.5);
                row(tag, "scalar logistic call", 1e6 * Stopwatch.median(() -> logistic.call(half), budget), "µs");
                row(tag, "compile MLP step (minibatch 20)",
                        1e3 * Stopwatch.median(() -> w.mlpStep(20, mode), budget * 1.5), "ms");
            }
            // measured last, once every loop has been compiled by C2 (vector loops allocate until then)
            row(t, "bytes allocated per MLP step call (mb 20)", allocatedPerCall(first), "bytes");
            gemm(dtype);
        }
    }

    private static void steps(Workloads w, String tag, Mode mode) {
        for (int batch : new int[] {1, 20, 128}) {
            row(tag, "MLP 784-500-10 step, minibatch " + batch, examplesPerSecond(w.mlpStep(batch, mode), batch),
                    "examples/s");
        }
        for (int batch : new int[] {20, 128}) {
            row(tag, "DAE 784-500 step, minibatch " + batch, examplesPerSecond(w.daeStep(batch, mode), batch),
                    "examples/s");
        }
    }

    private static double allocatedPerCall(Function step) {
        com.sun.management.ThreadMXBean bean =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        NDArray index = NDArray.scalar(DType.INT64, 3);
        for (int i = 0; i < 2000; i++) {
            step.callBorrowed(index);
        }
        long id = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(id);
        for (int i = 0; i < 1000; i++) {
            step.callBorrowed(index);
        }
        return (bean.getThreadAllocatedBytes(id) - before) / 1000.0;
    }

    private static double examplesPerSecond(Function step, int batch) {
        int batches = Workloads.EXAMPLES / batch;
        NDArray[] indices = new NDArray[batches];
        for (int i = 0; i < batches; i++) {
            indices[i] = NDArray.scalar(DType.INT64, i);
        }
        int[] next = {0};
        double seconds = Stopwatch.median(() -> step.call(indices[next[0]++ % batches]), budget);
        return batch / seconds;
    }

    private static void gemm(DType dtype) {
        String tag = dtype.toString().toLowerCase(Locale.ROOT);
        GemmBenchmark.run(dtype, budget, (workload, value, unit) -> row(tag, workload, value, unit));
    }

    private static void row(String tag, String workload, double value, String unit) {
        System.out.printf(Locale.ROOT, "| %-18s | %-42s | %,12.1f %-10s |%n", tag, workload, value, unit);
    }
}
