package org.gradus.gpu.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;

/** The pooling logic, against a fake device memory (no GPU needed). */
class DeviceAllocatorTest {

    private static final class FakeMemory implements DeviceMemory {
        final List<Long> allocations = new ArrayList<>();
        int frees;

        @Override
        public CUdeviceptr allocate(long bytes) {
            allocations.add(bytes);
            return new CUdeviceptr();
        }

        @Override
        public void free(CUdeviceptr pointer) {
            frees++;
        }
    }

    @Test
    void sizeClassesArePowersOfTwoFromTheMinimum() {
        assertThat(DeviceAllocator.sizeClass(0)).isEqualTo(256);
        assertThat(DeviceAllocator.sizeClass(256)).isEqualTo(256);
        assertThat(DeviceAllocator.sizeClass(257)).isEqualTo(512);
        assertThat(DeviceAllocator.sizeClass(784L * 500 * 4)).isEqualTo(2_097_152);
    }

    @Test
    void aRepeatedStepReachesASteadyStateWithoutDriverCalls() {
        FakeMemory memory = new FakeMemory();
        DeviceAllocator pool = new DeviceAllocator(memory);
        for (int step = 0; step < 5; step++) {
            DeviceBuffer a = pool.allocate(128 * 500 * 4);
            DeviceBuffer b = pool.allocate(128 * 10 * 4);
            DeviceBuffer c = pool.allocate(128 * 500 * 4);
            assertThat(a.pointer()).isNotSameAs(c.pointer());
            pool.release(a);
            pool.release(b);
            pool.release(c);
        }
        assertThat(pool.driverAllocations()).isEqualTo(3);
        assertThat(memory.allocations).containsExactly(262_144L, 8_192L, 262_144L);
        assertThat(pool.bytesInUse()).isZero();
        assertThat(pool.bytesCached()).isEqualTo(262_144L * 2 + 8_192L);
        pool.trim();
        assertThat(memory.frees).isEqualTo(3);
        assertThat(pool.bytesCached()).isZero();
    }

    @Test
    void aReusedBufferReportsTheNewRequestedSize() {
        DeviceAllocator pool = new DeviceAllocator(new FakeMemory());
        DeviceBuffer first = pool.allocate(1000);
        pool.release(first);
        DeviceBuffer second = pool.allocate(900);
        assertThat(second.pointer()).isSameAs(first.pointer());
        assertThat(second.bytes()).isEqualTo(900);
        assertThat(second.capacity()).isEqualTo(1024);
        assertThat(pool.bytesInUse()).isEqualTo(1024);
    }
}
