package org.gradus.gpu.kernels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gradus.compile.Function;
import org.gradus.gpu.bench.SeedModels;
import org.gradus.graph.Apply;
import org.gradus.ops.device.OnDevice;
import org.gradus.ops.elemwise.Composite;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/**
 * The CUDA kernel that the GPU lesson ({@code lessons/gpu.adoc}) shows: the fused group of the Lab 3
 * MLP's hidden-layer gradient {@code dh * (1 - h²)}, generated from the compiled training step. It needs
 * no GPU and no CUDA compiler: fusion runs on every device, and the kernel is generated source text.
 * The handouts build runs it; {@code CompositeKernelsTest} checks that nvcc compiles what it gives.
 *
 * <p>Argument: the file to write, e.g. {@code lessons/target/generated-handouts/fused-kernel.cu}.
 */
public final class LessonKernel {
    /** What the fused group of the hidden layer's gradient computes, as its op name spells it. */
    static final String HIDDEN_GRADIENT = "(i1 - sqr(i0))";

    private LessonKernel() {
    }

    public static void main(String... args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: LessonKernel <file to write>");
        }
        Path out = Path.of(args[0]);
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.writeString(out, source("cpu"));
        System.out.println("lesson kernel: " + out);
    }

    /**
     * The lesson's kernel, from the float32 MLP step compiled for {@code device}: a comment naming the
     * fused group, then the generated CUDA C source.
     */
    public static String source(String device) {
        Function step = new SeedModels(DType.FLOAT32, 40).mlp(20, device).function();
        for (Apply node : step.nodes()) {
            Composite group = composite(node);
            if (group != null && group.name().contains(HIDDEN_GRADIENT)) {
                List<DType> dtypes = node.inputs().stream().map(TensorVariable::dtype).toList();
                KernelSource kernel = ElementwiseKernels.generate(CompositePrograms.of(group, dtypes), node.output(0).ndim());
                return "// fused group: " + group.name() + "\n" + kernel.code();
            }
        }
        throw new IllegalStateException("the compiled MLP step (device " + device + ") has no fused group "
                + HIDDEN_GRADIENT + ": did the fusion rewrites change? The GPU lesson shows that kernel");
    }

    /** The fused group a node runs, on the host or placed on a device; {@code null} for other nodes. */
    private static Composite composite(Apply node) {
        if (node.op() instanceof Composite c) {
            return c;
        }
        if (node.op() instanceof OnDevice d && d.op() instanceof Composite c) {
            return c;
        }
        return null;
    }
}
