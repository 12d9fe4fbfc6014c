package org.gradus.bench;

import java.util.Locale;
import org.gradus.compile.Function;
import org.gradus.compile.FunctionProfile;
import org.gradus.compile.Mode;
import org.gradus.tensor.NDArray;
import org.gradus.types.DType;

/**
 * Runs one training step (MLP or DAE) in a loop for a given time, for a sampling profiler (JFR or
 * {@code jcmd Thread.print}). Arguments: {@code mlp|dae|sigmoid float32|float64 minibatch seconds [nodes]}; with {@code nodes}, also the
 * per-node times of {@code Function.profile()} after warm-up ({@link FunctionProfile#since}).
 */
public final class StepProfile {
    private StepProfile() {
    }

    public static void main(String[] args) {
        if (args[0].equals("sigmoid")) {
            sigmoid(DType.valueOf(args[1].toUpperCase(Locale.ROOT)), Double.parseDouble(args[3]));
            return;
        }
        boolean mlp = args[0].equals("mlp");
        DType dtype = DType.valueOf(args[1].toUpperCase(Locale.ROOT));
        int batch = Integer.parseInt(args[2]);
        double seconds = Double.parseDouble(args[3]);
        boolean nodeTimes = args.length > 4 && args[4].equals("nodes");
        Workloads w = new Workloads(dtype, nodeTimes);
        Function step = mlp ? w.mlpStep(batch, Mode.FAST_RUN) : w.daeStep(batch, Mode.FAST_RUN);
        int batches = Workloads.EXAMPLES / batch;
        // a third of the time (at most 3 s) warms up: C2 compiles the loops, and the node table and the
        // rate count only the calls after it
        long warmEnd = System.nanoTime() + (long) (Math.min(3, seconds / 3) * 1e9);
        long calls = 0;
        while (System.nanoTime() < warmEnd) {
            step.call(NDArray.scalar(DType.INT64, calls++ % batches));
        }
        FunctionProfile warm = nodeTimes ? step.profile() : null;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long timed = 0;
        while (System.nanoTime() < end) {
            step.call(NDArray.scalar(DType.INT64, calls++ % batches));
            timed++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s %s mb %d: %.1f examples/s%n", args[0], dtype, batch, timed * batch / elapsed);
        if (nodeTimes) {
            System.out.println(step.profile().since(warm).summary(25));
        }
    }

    private static void sigmoid(DType dtype, double seconds) {
        NDArray x = NDArray.zeros(dtype, 10_000_000);
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, r.nextGaussian());
        }
        Function f = Workloads.sigmoidForwardAndGradient(dtype, x.size(), Mode.FAST_RUN);
        System.out.printf(Locale.ROOT, "sigmoid %s 10^7: %.1f ms%n", dtype, 1e3 * Stopwatch.median(() -> f.callAll(x), seconds));
    }
}
