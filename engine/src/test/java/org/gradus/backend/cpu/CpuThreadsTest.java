package org.gradus.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The spinning pool behind {@link CpuThreads#forEach}: every part once, errors surface, no deadlocks. */
class CpuThreadsTest {
    @Test
    void everyPartRunsExactlyOnceAndPartZeroOnTheCaller() {
        for (int parts : new int[] {1, 2, 3, 7, 64}) {
            for (int round = 0; round < 200; round++) {
                AtomicIntegerArray runs = new AtomicIntegerArray(parts);
                Thread caller = Thread.currentThread();
                Thread[] ranOn = new Thread[parts];
                CpuThreads.forEach(parts, p -> {
                    runs.incrementAndGet(p);
                    ranOn[p] = Thread.currentThread();
                });
                for (int p = 0; p < parts; p++) {
                    assertThat(runs.get(p)).as("part %d of %d", p, parts).isEqualTo(1);
                }
                assertThat(ranOn[0]).isSameAs(caller);
            }
        }
    }

    @Test
    void aPoolWithMoreThreadsThanPartsNeverRunsAPartTwice() {
        // more workers than the machine has cores, and jobs of every size: workers left out of one job
        // must not pick up the fields of the next one
        SpinningPool pool = new SpinningPool(8, ThreadLocal.withInitial(() -> false));
        java.util.Random r = new java.util.Random(4);
        for (int round = 0; round < 5000; round++) {
            int parts = 2 + r.nextInt(9);
            AtomicIntegerArray runs = new AtomicIntegerArray(parts);
            assertThat(pool.tryRun(parts, runs::incrementAndGet)).isTrue();
            for (int p = 0; p < parts; p++) {
                assertThat(runs.get(p)).as("round %d, part %d of %d", round, p, parts).isEqualTo(1);
            }
        }
    }

    @Test
    void aFailingPartIsRethrownOnTheCallerAndThePoolKeepsWorking() {
        int last = CpuThreads.parallelism();
        assertThatThrownBy(() -> CpuThreads.forEach(last + 1, p -> {
            if (p == last) {
                throw new IllegalArgumentException("part " + p + " failed");
            }
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("part " + last + " failed");
        AtomicIntegerArray runs = new AtomicIntegerArray(4);
        CpuThreads.forEach(4, runs::incrementAndGet);
        assertThat(runs.get(3)).isEqualTo(1);
    }

    @Test
    void aSplitInsideAPartRunsOnItsOwnThread() {
        ConcurrentHashMap<String, Thread> inner = new ConcurrentHashMap<>();
        CpuThreads.forEach(2, outer -> {
            Thread here = Thread.currentThread();
            CpuThreads.forEach(3, p -> {
                if (outer == 1) {
                    // a pool thread does not hand work to the pool again
                    assertThat(Thread.currentThread()).isSameAs(here);
                }
                inner.put(outer + "/" + p, Thread.currentThread());
            });
        });
        assertThat(inner).hasSize(6);
    }

    @Test
    void twoApplicationThreadsSplittingAtOnceBothFinish() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        long[] totals = new long[2];
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int round = 0; round < 2000; round++) {
                    long[] sums = new long[4];
                    CpuThreads.forEach(4, p -> sums[p] = p + 1);
                    totals[id] += sums[0] + sums[1] + sums[2] + sums[3];
                }
            });
            threads[t].start();
        }
        start.countDown();
        for (Thread t : threads) {
            t.join(60_000);
            assertThat(t.isAlive()).isFalse();
        }
        assertThat(totals).containsExactly(2000L * 10, 2000L * 10);
    }
}
