package org.gradus.backend.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The worker threads behind {@link CpuThreads#forEach}: one daemon thread per extra core, each
 * spinning for a short while after its last job before it parks. A training step hands work to the
 * pool a dozen times, tens of microseconds apart; an executor's park/unpark round trip costs about
 * 50 µs on a virtual machine each time, a spinning worker picks the job up in well under one.
 *
 * <p>Part {@code p} of a job runs on thread {@code p % threads} (thread 0 is the caller), so a job's
 * assignment of parts to threads is fixed. One job runs at a time; a caller that finds the pool busy
 * (another application thread's job) runs all its parts itself.
 */
final class SpinningPool {
    /** How long an idle worker keeps spinning before it parks ({@code -Dgradus.spin.micros}, default 200). */
    private static final long SPIN_NANOS = 1000L * Long.getLong("gradus.spin.micros", 200);

    private final int threads;
    private final Worker[] workers;
    /** Held while a job runs; not reentrant, so a split inside a part on the caller's thread runs there. */
    private final java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile IntConsumer body;
    private volatile int parts;
    private volatile long generation;
    private volatile Throwable failure;

    SpinningPool(int threads, ThreadLocal<Boolean> inPool) {
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(w + 1, inPool);
            workers[w].thread.start();
        }
    }

    /**
     * Runs {@code body} for parts {@code [0, parts)}; false when the pool is busy (another caller's
     * job, or this caller's own job when a part splits again).
     */
    boolean tryRun(int partCount, IntConsumer job) {
        if (!busy.compareAndSet(false, true)) {
            return false;
        }
        try {
            // a seqlock: an odd generation means the job's fields are being written, so a worker that
            // was not part of the last job and reads late can never mix two jobs' fields
            generation++;
            failure = null;
            body = job;
            parts = partCount;
            int helpers = Math.min(workers.length, partCount - 1);
            pending.set(helpers);
            generation++;
            for (int w = 0; w < helpers; w++) {
                if (workers[w].parked) {
                    LockSupport.unpark(workers[w].thread);
                }
            }
            Throwable mine = null;
            try {
                runParts(0, job, partCount);
            } catch (Throwable t) {
                mine = t;
            }
            for (int spins = 0; pending.get() > 0; spins++) {
                if (spins < 20_000) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            body = null;
            Throwable first = mine != null ? mine : failure;
            if (first instanceof RuntimeException r) {
                throw r;
            } else if (first instanceof Error e) {
                throw e;
            } else if (first != null) {
                throw new IllegalStateException("a kernel part failed", first);
            }
            return true;
        } finally {
            busy.set(false);
        }
    }

    private void runParts(int thread, IntConsumer job, int partCount) {
        for (int p = thread; p < partCount; p += threads) {
            job.accept(p);
        }
    }

    /** One pool thread: waits for a new generation, runs its parts, counts down. */
    private final class Worker implements Runnable {
        final int index;
        final Thread thread;
        volatile boolean parked;
        private final ThreadLocal<Boolean> inPool;

        Worker(int index, ThreadLocal<Boolean> inPool) {
            this.index = index;
            this.inPool = inPool;
            this.thread = new Thread(this, "gradus-cpu-" + index);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            inPool.set(true);
            long seen = 0;
            while (true) {
                long idleSince = System.nanoTime();
                long g;
                IntConsumer job;
                int partCount;
                while (true) {
                    g = generation;
                    if (g != seen && (g & 1) == 0) {
                        job = body;
                        partCount = parts;
                        if (generation == g) {
                            break;   // the fields belong to generation g
                        }
                        continue;
                    }
                    if (System.nanoTime() - idleSince < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        parked = true;
                        if (generation == seen) {   // re-check after announcing: a poster unparks us
                            LockSupport.park(this);
                        }
                        parked = false;
                    }
                }
                seen = g;
                if (job == null || index >= partCount) {
                    continue;    // a job with fewer parts than threads: nothing for this worker
                }
                try {
                    runParts(index, job, partCount);
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                } finally {
                    pending.decrementAndGet();
                }
            }
        }
    }
}
