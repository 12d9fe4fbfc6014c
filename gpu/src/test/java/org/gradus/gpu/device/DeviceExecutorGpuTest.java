package org.gradus.gpu.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.gradus.Gradus;
import org.gradus.gpu.kernels.ElementwiseProgram;
import org.gradus.gpu.kernels.SoftmaxKernels;
import org.gradus.ops.nnet.NNet;
import org.gradus.ops.random.Distribution;
import org.gradus.ops.random.Philox;
import org.gradus.ops.reduce.ReduceKind;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The device executor against the CPU backend, on a GPU. Skipped with the probe's reason elsewhere
 * (the class condition reads {@link org.gradus.gpu.CudaProbe#deviceAvailable()}).
 */
@EnabledIf(value = "org.gradus.gpu.CudaProbe#deviceAvailable", disabledReason = "no CUDA device (see CudaStatus)")
class DeviceExecutorGpuTest {
    private static CudaContext context;
    private static DeviceExecutor executor;
    private static DeviceSampling sampling;

    @BeforeAll
    static void open() {
        context = new CudaContext();
        executor = new DeviceExecutor(context);
        sampling = new DeviceSampling(context);
    }

    @AfterAll
    static void close() {
        if (context != null) {
            context.allocator().trim();
        }
    }

    private static NDArray random(DType dtype, long seed, int... shape) {
        Random r = new Random(seed);
        NDArray a = NDArray.zeros(dtype, shape);
        for (int i = 0; i < a.size(); i++) {
            a.set(i, r.nextGaussian());
        }
        return a;
    }

    private static DeviceArray up(NDArray a) {
        return DeviceArray.upload(context.allocator(), a);
    }

    @Test
    void fusedLayerMatchesTheCpuWithBroadcasting() {
        TensorVariable x = T.tensor(DType.FLOAT32, "x", -1, -1);
        TensorVariable w = T.tensor(DType.FLOAT32, "w", -1);
        TensorVariable y = T.tanh(T.add(T.mul(x, w), 0.25));
        NDArray xv = random(DType.FLOAT32, 1, 20, 30);
        NDArray wv = random(DType.FLOAT32, 2, 30);
        NDArray expected = Gradus.function(List.of(x, w), y).call(xv, wv);
        ElementwiseProgram p = ElementwiseProgram.fromGraph(List.of(x, w), List.of(y));
        NDArray got = executor.elementwise(p, List.of(up(xv), up(wv))).get(0).download();
        assertThat(got.allClose(expected, 1e-5, 1e-6)).as(got + " vs " + expected).isTrue();
    }

    @Test
    void reductionsAndArgmaxMatchTheCpu() {
        TensorVariable x = T.tensor(DType.FLOAT64, "x", -1, -1, -1);
        NDArray xv = random(DType.FLOAT64, 3, 3, 1000, 5);
        NDArray sum = Gradus.function(List.of(x), T.sum(x, 1)).call(xv);
        NDArray max = Gradus.function(List.of(x), T.max(x, 1)).call(xv);
        NDArray arg = Gradus.function(List.of(x), T.argmax(x, 1)).call(xv);
        DeviceArray d = up(xv);
        assertThat(executor.reduce(ReduceKind.SUM, d, 1).download().allClose(sum, 1e-12, 1e-12)).isTrue();
        assertThat(executor.reduce(ReduceKind.MAX, d, 1).download()).isEqualTo(max);
        assertThat(executor.argExtreme(true, d, 1).download().int64Data()).containsExactly(arg.int64Data());
    }

    @Test
    void softmaxAndCrossentropyMatchTheCpu() {
        TensorVariable x = T.tensor(DType.FLOAT32, "x", -1, -1);
        TensorVariable y = T.tensor(DType.INT64, "y", -1);
        NDArray xv = random(DType.FLOAT32, 4, 128, 10);
        NDArray yv = NDArray.zeros(DType.INT64, 128);
        for (int i = 0; i < 128; i++) {
            yv.setLong(i, (i * 7) % 10);
        }
        NDArray sm = Gradus.function(List.of(x), NNet.softmax(x)).call(xv);
        NDArray loss = Gradus.function(List.of(x, y), NNet.categoricalCrossentropy(NNet.softmax(x), y)).call(xv, yv);
        assertThat(executor.rows(SoftmaxKernels.RowOutput.SOFTMAX, up(xv)).download().allClose(sm, 1e-5, 1e-7)).isTrue();
        List<DeviceArray> fused = executor.softmaxCrossentropy(up(xv), up(yv));
        assertThat(fused.get(0).download().allClose(loss, 1e-5, 1e-6)).isTrue();
        assertThat(fused.get(1).download().allClose(sm, 1e-5, 1e-7)).isTrue();
    }

    @Test
    void matrixProductsMatchTheCpuWithAndWithoutTransposes() {
        TensorVariable a = T.tensor(DType.FLOAT32, "a", -1, -1);
        TensorVariable b = T.tensor(DType.FLOAT32, "b", -1, -1);
        NDArray av = random(DType.FLOAT32, 5, 128, 784);
        NDArray bv = random(DType.FLOAT32, 6, 784, 50);
        NDArray expected = Gradus.function(List.of(a, b), T.dot(a, b)).call(av, bv);
        assertThat(executor.matmul(up(av), up(bv), false, false).download().allClose(expected, 1e-4, 1e-3)).isTrue();
        NDArray bt = Gradus.function(List.of(b), T.transpose(b)).call(bv);
        assertThat(executor.matmul(up(av), up(bt), false, true).download().allClose(expected, 1e-4, 1e-3)).isTrue();
    }

    @Test
    void corruptionMasksAndUniformsAreBitIdenticalToTheCpu() {
        long key = Philox.streamKey(42, 0);
        for (DType dtype : new DType[] {DType.INT64, DType.FLOAT32}) {
            NDArray cpu = NDArray.zeros(dtype, 20, 784);
            double[][] p = {new double[cpu.size()]};
            java.util.Arrays.fill(p[0], 0.7);
            new Distribution.Binomial(1).sample(new Philox.WordStream(key, 3), p, cpu);
            DeviceSampling.Draw draw = sampling.draw(new Distribution.Binomial(1), dtype, new int[] {20, 784}, key, 3,
                    new double[] {0.7});
            assertThat(draw.sample().download()).isEqualTo(cpu);
            assertThat(draw.nextCounter()).isEqualTo(3 + (20 * 784 + 3) / 4);
        }
        NDArray u = NDArray.zeros(DType.FLOAT32, 999);
        double[][] bounds = {new double[999], new double[999]};
        java.util.Arrays.fill(bounds[1], 1.0);
        new Distribution.Uniform().sample(new Philox.WordStream(key, 0), bounds, u);
        assertThat(sampling.draw(new Distribution.Uniform(), DType.FLOAT32, new int[] {999}, key, 0,
                new double[] {0}, new double[] {1}).sample().download()).isEqualTo(u);
    }

    @Test
    void gatherAndScatterAddFollowAdvancedIndexing() {
        NDArray x = random(DType.FLOAT64, 7, 6, 4);
        long[] rows = {4 * 4, 0, 4 * 4};
        NDArray got = sampling.gather(up(x), rows, new int[] {3, 4}).download();
        for (int j = 0; j < 4; j++) {
            assertThat(got.get(j)).isEqualTo(x.get(16 + j));
            assertThat(got.get(4 + j)).isEqualTo(x.get(j));
        }
        DeviceArray target = up(NDArray.zeros(DType.FLOAT64, 6, 4));
        sampling.scatterAdd(target, up(NDArray.full(DType.FLOAT64, 1.5, 1, 4)), rows, 4);
        NDArray sums = target.download();
        assertThat(sums.get(16)).isEqualTo(3.0);
        assertThat(sums.get(0)).isEqualTo(1.5);
        assertThat(sums.get(4)).isEqualTo(0.0);
    }

    @Test
    void launchesAreCountedAndTheAllocatorReusesBuffers() {
        long before = context.launches();
        NDArray xv = random(DType.FLOAT32, 8, 64, 64);
        ElementwiseProgram relu = ElementwiseProgram.single(new org.gradus.ops.scalar.Relu(), List.of(DType.FLOAT32));
        DeviceArray x = up(xv);
        long allocations = context.allocator().driverAllocations();
        for (int i = 0; i < 5; i++) {
            executor.elementwise(relu, List.of(x)).get(0).release(context.allocator());
        }
        assertThat(context.launches() - before).isEqualTo(5);
        assertThat(context.allocator().driverAllocations() - allocations).isLessThanOrEqualTo(1);
    }
}
