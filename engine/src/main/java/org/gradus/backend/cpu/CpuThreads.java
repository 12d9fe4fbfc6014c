package org.gradus.backend.cpu;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The one worker pool of the CPU kernels, sized to the cores. A kernel splits its work into
 * {@link #parallelism()} independent parts with {@link #forEach} only when the work is large enough
 * ({@link #worthSplitting}); below that a thread hand-off (tens of microseconds) would cost more than
 * it saves, so small minibatches run on the caller's thread alone.
 *
 * <p>The caller always runs part 0 itself; the pool's daemon threads run the others. A kernel called
 * from inside a pool thread runs its parts sequentially, so nested splits cannot deadlock.
 */
public final class CpuThreads {
    /** Below this many multiply-adds (or element operations) a kernel runs on one thread. */
    public static final long SPLIT_THRESHOLD = 1L << 20;

    private static final int PARALLELISM = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final ThreadLocal<Boolean> IN_POOL = ThreadLocal.withInitial(() -> false);
    private static final ExecutorService POOL = PARALLELISM == 1 ? null : Executors.newFixedThreadPool(PARALLELISM - 1,
            new java.util.concurrent.ThreadFactory() {
                private final AtomicInteger count = new AtomicInteger();

                @Override
                public Thread newThread(Runnable r) {
                    Thread t = new Thread(() -> {
                        IN_POOL.set(true);
                        r.run();
                    }, "gradus-cpu-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }
            });

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
     * and the others on the pool, and returns when all are done. An exception in any part is rethrown.
     */
    public static void forEach(int parts, IntConsumer body) {
        if (parts <= 1 || POOL == null || IN_POOL.get()) {
            for (int p = 0; p < parts; p++) {
                body.accept(p);
            }
            return;
        }
        Future<?>[] futures = new Future<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int part = p;
            futures[p - 1] = POOL.submit(() -> body.accept(part));
        }
        RuntimeException failure = null;
        try {
            body.accept(0);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : new IllegalStateException("interrupted while waiting for a kernel", e);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (failure == null) {
                    failure = cause instanceof RuntimeException ? (RuntimeException) cause
                            : new IllegalStateException("a kernel part failed", cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The start of part {@code part} when {@code total} items are cut into {@code parts} near-equal runs aligned to {@code align}. */
    public static int partStart(int total, int parts, int part, int align) {
        long units = (total + align - 1) / align;
        long start = units * part / parts * align;
        return (int) Math.min(total, start);
    }
}
