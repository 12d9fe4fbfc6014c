package org.gradus.backend.cpu;

import java.util.function.IntConsumer;

/**
 * The one worker pool of the CPU kernels, sized to the cores. A kernel splits its work into
 * {@link #parallelism()} independent parts with {@link #forEach} only when the work is large enough
 * ({@link #worthSplitting}); below that a thread hand-off would cost more than it saves, so small
 * minibatches run on the caller's thread alone.
 *
 * <p>The caller always runs part 0 itself; the pool's daemon threads ({@link SpinningPool}) run the others. A kernel called
 * from inside a pool thread runs its parts sequentially, so nested splits cannot deadlock.
 */
public final class CpuThreads {
    /** Below this many multiply-adds (or element operations) a kernel runs on one thread. */
    public static final long SPLIT_THRESHOLD = 1L << 17;

    private static final int PARALLELISM = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final ThreadLocal<Boolean> IN_POOL = ThreadLocal.withInitial(() -> false);
    private static final SpinningPool POOL = PARALLELISM == 1 ? null : new SpinningPool(PARALLELISM, IN_POOL);

    private CpuThreads() {
    }

    /** The number of cores the kernels use. */
    public static int parallelism() {
        return PARALLELISM;
    }

    /** Whether work of this many operations should be split over the cores. */
    public static boolean worthSplitting(long operations) {
        return PARALLELISM > 1 && operations >= SPLIT_THRESHOLD && !IN_POOL.get();
    }

    /**
     * Runs {@code body.accept(part)} for every part in {@code [0, parts)}, part 0 on the calling thread
     * and the others on the pool (all on the caller when another thread's job holds the pool), and
     * returns when all are done. An exception in any part is rethrown.
     */
    public static void forEach(int parts, IntConsumer body) {
        if (parts <= 1 || POOL == null || IN_POOL.get()) {
            for (int p = 0; p < parts; p++) {
                body.accept(p);
            }
            return;
        }
        if (!POOL.tryRun(parts, body)) {
            for (int p = 0; p < parts; p++) {
                body.accept(p);
            }
        }
    }

    /** The start of part {@code part} when {@code total} items are cut into {@code parts} near-equal runs aligned to {@code align}. */
    public static int partStart(int total, int parts, int part, int align) {
        long units = (total + align - 1) / align;
        long start = units * part / parts * align;
        return (int) Math.min(total, start);
    }
}
