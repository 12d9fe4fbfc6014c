package org.gradus.gpu.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.gpu.CudaProbe;
import org.gradus.gpu.CudaStatus;
import org.gradus.gpu.device.CudaContext;
import org.gradus.gpu.device.DeviceArray;
import org.gradus.gpu.device.DeviceExecutor;
import org.gradus.gpu.kernels.ElementwiseProgram;
import org.gradus.ops.nnet.NNet;
import org.gradus.ops.reduce.ReduceKind;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/**
 * The MLP 784-500-10 training step (tanh hidden layer, softmax cross-entropy, plain SGD), float32,
 * minibatch 20 and 128: on the CPU backend through a compiled {@code Function}, and on the GPU as
 * the sequence of device calls a placed, fused graph makes (matrix products, fused elementwise
 * groups, the fused cross-entropy, column sums), with the kernel launches per step.
 *
 * <p>Usage: {@code MlpStepBenchmark [resultsFile]}; prints one line per configuration and appends
 * them to the file when given. Without a device it runs the CPU side only and says why.
 */
public final class MlpStepBenchmark {
    private static final int IN = 784;
    private static final int HIDDEN = 500;
    private static final int OUT = 10;
    private static final float LEARNING_RATE = 0.01f;

    private MlpStepBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# MLP 784-500-10 SGD step, float32; " + CudaProbe.result().reason());
        for (int batch : new int[] {20, 128}) {
            double cpu = cpuStepMillis(batch);
            String line = String.format(Locale.ROOT, "batch %3d  cpu %8.3f ms/step", batch, cpu);
            if (CudaProbe.deviceAvailable()) {
                GpuStep gpu = gpuStep(batch);
                line += String.format(Locale.ROOT, "  gpu %8.3f ms/step  speedup %6.1fx  launches/step %d (matmuls 5)",
                        gpu.millis, cpu / gpu.millis, gpu.launchesPerStep);
            }
            lines.add(line);
            System.out.println(line);
        }
        if (args.length > 0) {
            Files.write(Path.of(args[0]), lines, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
        if (!CudaProbe.deviceAvailable()) {
            System.out.print(CudaStatus.report());
        }
    }

    private static NDArray gaussian(long seed, double scale, int... shape) {
        Random r = new Random(seed);
        NDArray a = NDArray.zeros(DType.FLOAT32, shape);
        for (int i = 0; i < a.size(); i++) {
            a.set(i, r.nextGaussian() * scale);
        }
        return a;
    }

    private static NDArray labels(int batch) {
        NDArray y = NDArray.zeros(DType.INT64, batch);
        for (int i = 0; i < batch; i++) {
            y.setLong(i, (i * 7L) % OUT);
        }
        return y;
    }

    private static double cpuStepMillis(int batch) {
        SharedVariable w1 = Gradus.shared(gaussian(1, 0.05, IN, HIDDEN), "W1");
        SharedVariable b1 = Gradus.shared(NDArray.zeros(DType.FLOAT32, HIDDEN), "b1");
        SharedVariable w2 = Gradus.shared(gaussian(2, 0.05, HIDDEN, OUT), "W2");
        SharedVariable b2 = Gradus.shared(NDArray.zeros(DType.FLOAT32, OUT), "b2");
        TensorVariable x = T.tensor(DType.FLOAT32, "x", -1, IN);
        TensorVariable y = T.tensor(DType.INT64, "y", -1);
        TensorVariable h = T.tanh(T.add(T.dot(x, w1), b1));
        TensorVariable p = NNet.softmax(T.add(T.dot(h, w2), b2));
        TensorVariable cost = T.mean(NNet.categoricalCrossentropy(p, y));
        List<SharedVariable> params = List.of(w1, b1, w2, b2);
        List<TensorVariable> grads = T.grad(cost, params);
        Map<SharedVariable, TensorVariable> updates = new java.util.LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            updates.put(params.get(i), T.sub(params.get(i), T.mul(T.constant(LEARNING_RATE, DType.FLOAT32), grads.get(i))));
        }
        Function step = Gradus.function(List.of(x, y), cost, updates);
        NDArray xv = gaussian(3, 1, batch, IN);
        NDArray yv = labels(batch);
        return timeMillis(() -> step.call(xv, yv), 1.5, 200);
    }

    private record GpuStep(double millis, long launchesPerStep) {
    }

    private static GpuStep gpuStep(int batch) {
        CudaContext context = new CudaContext();
        DeviceExecutor ex = new DeviceExecutor(context);
        DeviceArray[] w = {
            DeviceArray.upload(context.allocator(), gaussian(1, 0.05, IN, HIDDEN)),
            DeviceArray.upload(context.allocator(), NDArray.zeros(DType.FLOAT32, HIDDEN)),
            DeviceArray.upload(context.allocator(), gaussian(2, 0.05, HIDDEN, OUT)),
            DeviceArray.upload(context.allocator(), NDArray.zeros(DType.FLOAT32, OUT))};
        DeviceArray x = DeviceArray.upload(context.allocator(), gaussian(3, 1, batch, IN));
        DeviceArray y = DeviceArray.upload(context.allocator(), labels(batch));
        DeviceArray g = DeviceArray.upload(context.allocator(), NDArray.full(DType.FLOAT32, 1.0 / batch, batch));
        Programs programs = new Programs();
        Runnable step = () -> {
            DeviceArray z1 = ex.matmul(x, w[0], false, false);
            DeviceArray h = ex.elementwise(programs.tanhBias, List.of(z1, w[1])).get(0);
            DeviceArray z2 = ex.matmul(h, w[2], false, false);
            DeviceArray logits = ex.elementwise(programs.bias, List.of(z2, w[3])).get(0);
            List<DeviceArray> xent = ex.softmaxCrossentropy(logits, y);
            DeviceArray dLogits = ex.softmaxCrossentropyGrad(xent.get(1), y, g);
            DeviceArray dW2 = ex.matmul(h, dLogits, true, false);
            DeviceArray db2 = ex.reduce(ReduceKind.SUM, dLogits, 0);
            DeviceArray dh = ex.matmul(dLogits, w[2], false, true);
            DeviceArray dz = ex.elementwise(programs.tanhGrad, List.of(dh, h)).get(0);
            DeviceArray dW1 = ex.matmul(x, dz, true, false);
            DeviceArray db1 = ex.reduce(ReduceKind.SUM, dz, 0);
            DeviceArray[] grads = {dW1, db1, dW2, db2};
            for (int i = 0; i < 4; i++) {
                DeviceArray next = ex.elementwise(programs.sgd, List.of(w[i], grads[i])).get(0);
                w[i].release(context.allocator());
                w[i] = next;
            }
            for (DeviceArray t : List.of(z1, h, z2, logits, xent.get(0), xent.get(1), dLogits, dW2, db2, dh, dz, dW1, db1)) {
                t.release(context.allocator());
            }
            context.synchronize();
        };
        step.run();
        long before = context.launches();
        step.run();
        long launches = context.launches() - before;
        return new GpuStep(timeMillis(step, 0.5, 200), launches);
    }

    /** The fused elementwise groups of the step, as the optimizer would form them. */
    private static final class Programs {
        final ElementwiseProgram tanhBias = program(b -> {
            var z = b.input(DType.FLOAT32);
            var bias = b.input(DType.FLOAT32);
            b.output(b.apply(new org.gradus.ops.scalar.Tanh(), List.of(b.apply(new org.gradus.ops.scalar.Add(), List.of(z, bias)))));
        });
        final ElementwiseProgram bias = program(b -> {
            var z = b.input(DType.FLOAT32);
            var c = b.input(DType.FLOAT32);
            b.output(b.apply(new org.gradus.ops.scalar.Add(), List.of(z, c)));
        });
        final ElementwiseProgram tanhGrad = program(b -> {
            var dh = b.input(DType.FLOAT32);
            var h = b.input(DType.FLOAT32);
            var one = new ElementwiseProgram.Literal(1, DType.FLOAT32);
            var hh = b.apply(new org.gradus.ops.scalar.Mul(), List.of(h, h));
            b.output(b.apply(new org.gradus.ops.scalar.Mul(), List.of(dh, b.apply(new org.gradus.ops.scalar.Sub(), List.of(one, hh)))));
        });
        final ElementwiseProgram sgd = program(b -> {
            var p = b.input(DType.FLOAT32);
            var gp = b.input(DType.FLOAT32);
            var lr = new ElementwiseProgram.Literal(LEARNING_RATE, DType.FLOAT32);
            b.output(b.apply(new org.gradus.ops.scalar.Sub(), List.of(p, b.apply(new org.gradus.ops.scalar.Mul(), List.of(lr, gp)))));
        });

        private static ElementwiseProgram program(java.util.function.Consumer<ElementwiseProgram.Builder> body) {
            ElementwiseProgram.Builder b = new ElementwiseProgram.Builder();
            body.accept(b);
            return b.build();
        }
    }

    /** Mean milliseconds per run after warming up for the given seconds (C2 must compile the generated loops). */
    private static double timeMillis(Runnable r, double warmSeconds, int runs) {
        long warmEnd = System.nanoTime() + (long) (warmSeconds * 1e9);
        do {
            r.run();
        } while (System.nanoTime() < warmEnd);
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            r.run();
        }
        return (System.nanoTime() - start) / 1e6 / runs;
    }
}
