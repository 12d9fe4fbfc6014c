package org.gradus.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Times a piece of work: warm-up first (so that C2 has compiled the kernels), then repeated samples
 * until a time budget is spent, and the median of the samples. Work faster than a millisecond is
 * timed in batches, so that the clock's own cost does not count.
 */
final class Stopwatch {
    private Stopwatch() {
    }

    /** The median seconds of one call of {@code work}, spending about {@code budgetSeconds} in all. */
    static double median(Runnable work, double budgetSeconds) {
        // at least 1.5 s of warm-up in a full run: C2 must have compiled the loops, and a vector loop
        // runs many times slower before (the Vector API's interpreted path allocates every vector)
        long warmEnd = System.nanoTime() + (long) (Math.max(budgetSeconds * 0.3, Math.min(1.5, budgetSeconds * 1.25)) * 1e9);
        int warmCalls = 0;
        long t0 = System.nanoTime();
        do {
            work.run();
            warmCalls++;
        } while (System.nanoTime() < warmEnd || warmCalls < 2);
        double perCall = (System.nanoTime() - t0) / 1e9 / warmCalls;
        int batch = (int) Math.max(1, Math.min(1_000_000, 1e-3 / Math.max(perCall, 1e-9)));
        List<Double> samples = new ArrayList<>();
        long end = System.nanoTime() + (long) (budgetSeconds * 0.7e9);
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
