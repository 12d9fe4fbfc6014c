package org.gradus.gpu.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.gpu.CudaProbe;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/**
 * The CPU and GPU benchmarks side by side, float32, with the CPU benchmark's method (warm-up, then
 * the median of timed samples, fast work timed in batches): the MLP 784-500-10 step at minibatch 20
 * and 128 and the denoising-autoencoder step (the seed models, data set shared and sliced with
 * {@code givens}), and sigmoid of 10^7 elements with its gradient; kernel launches and transfers per
 * step on the GPU. Without a device the GPU column says why. Usage: {@code DeviceBenchmark [file] [quick]}.
 */
public final class DeviceBenchmark {
    private static double budget = 3.0;

    private DeviceBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (List.of(args).contains("quick")) {
            budget = 0.4;
        }
        boolean gpu = CudaProbe.deviceAvailable();
        SeedModels models = new SeedModels(DType.FLOAT32, 2560);
        List<String> lines = new ArrayList<>();
        lines.add("# Gradus CPU vs GPU, float32; " + Runtime.getRuntime().availableProcessors() + " cores; "
                + CudaProbe.result().reason());
        lines.add(String.format(Locale.ROOT, "| %-34s | %12s | %12s | %8s | %s |", "workload", "cpu ms", "gpu ms",
                "speedup", "gpu launches / transfers per step"));
        lines.add(row(models, "MLP 784-500-10 step, minibatch 20", d -> models.mlp(20, d).function(), 20, gpu));
        lines.add(row(models, "MLP 784-500-10 step, minibatch 128", d -> models.mlp(128, d).function(), 128, gpu));
        lines.add(row(models, "DAE 784-500 step, minibatch 20", d -> models.dae(20, d).function(), 20, gpu));
        lines.add(row(models, "sigmoid + gradient, 10^7", DeviceBenchmark::sigmoidAndGradient, 0, gpu));
        for (String l : lines) {
            System.out.println(l);
        }
        String file = List.of(args).stream().filter(a -> !a.equals("quick")).findFirst().orElse(null);
        if (file != null) {
            Files.write(Path.of(file), lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private static String row(SeedModels models, String name, java.util.function.Function<String, Function> make,
                              int batch, boolean gpu) {
        Function cpuF = make.apply("cpu");
        double cpu = median(call(cpuF, models, batch));
        String gpuMs = "pending";
        String speedup = "-";
        String launches = gpu ? "" : "no device";
        if (gpu) {
            Function gpuF = make.apply("cuda");
            double g = median(call(gpuF, models, batch));
            gpuMs = String.format(Locale.ROOT, "%12.3f", g * 1e3);
            speedup = String.format(Locale.ROOT, "%7.1fx", cpu / g);
            launches = gpuF.deviceProgram().map(p -> p.lastLaunches() + " launches; " + p.lastTransfers()).orElse("");
        }
        return String.format(Locale.ROOT, "| %-34s | %12.3f | %12s | %8s | %s |", name, cpu * 1e3, gpuMs, speedup, launches);
    }

    private static Runnable call(Function f, SeedModels models, int batch) {
        if (batch == 0) {
            return () -> f.callAll();
        }
        int batches = models.examples() / batch;
        NDArray[] index = new NDArray[batches];
        for (int i = 0; i < batches; i++) {
            index[i] = NDArray.scalar(DType.INT64, i);
        }
        int[] next = {0};
        return () -> f.callAll(index[next[0]++ % batches]);
    }

    private static Function sigmoidAndGradient(String device) {
        int n = 10_000_000;
        NDArray v = NDArray.zeros(DType.FLOAT32, n);
        for (int i = 0; i < n; i++) {
            v.set(i, Math.sin(i * 1e-3));
        }
        SharedVariable x = Gradus.shared(v, "x");
        TensorVariable s = T.sigmoid(x);
        TensorVariable gx = T.grad(T.sum(s), x);
        SharedVariable ys = Gradus.shared(NDArray.zeros(DType.FLOAT32, n), "s");
        SharedVariable gs = Gradus.shared(NDArray.zeros(DType.FLOAT32, n), "gx");
        return Gradus.functionBuilder(List.of()).updates(Map.of(ys, s, gs, gx)).device(device).build();
    }

    /**
     * The median seconds of one call, spending about {@link #budget} seconds, half of it warming up (as the
     * CPU benchmark's Stopwatch: generated Vector API loops run many times slower until C2 compiles them).
     */
    private static double median(Runnable work) {
        long warmEnd = System.nanoTime() + (long) (budget * 0.5e9);
        int warmCalls = 0;
        long t0 = System.nanoTime();
        do {
            work.run();
            warmCalls++;
        } while (System.nanoTime() < warmEnd || warmCalls < 2);
        double perCall = (System.nanoTime() - t0) / 1e9 / warmCalls;
        int batch = (int) Math.max(1, Math.min(1_000_000, 1e-3 / Math.max(perCall, 1e-9)));
        List<Double> samples = new ArrayList<>();
        long end = System.nanoTime() + (long) (budget * 0.5e9);
        do {
            long s = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                work.run();
            }
            samples.add((System.nanoTime() - s) / 1e9 / batch);
        } while (System.nanoTime() < end || samples.size() < 3);
        Collections.sort(samples);
        return samples.get(samples.size() / 2);
    }
}
