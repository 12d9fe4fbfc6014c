package org.gradus.gpu.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.gradus.compile.Function;
import org.gradus.gpu.CudaPlacement;
import org.gradus.gpu.bench.SeedModels;
import org.gradus.graph.Apply;
import org.gradus.ops.device.OnDevice;
import org.gradus.ops.elemwise.Composite;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;

/**
 * Every fused group of the compiled seed training steps becomes one generated kernel that nvcc
 * compiles; the GPU lesson's kernel ({@link LessonKernel}) is the one placed on the device.
 */
class CompositeKernelsTest {
    private static final SeedModels MODELS = new SeedModels(DType.FLOAT32, 40);

    private static List<Apply> composites(Function f) {
        List<Apply> out = new ArrayList<>();
        for (Apply n : f.nodes()) {
            if (n.op() instanceof OnDevice d && d.op() instanceof Composite) {
                out.add(n);
            }
        }
        return out;
    }

    private static KernelSource kernel(Apply node) {
        Composite c = (Composite) ((OnDevice) node.op()).op();
        List<DType> dtypes = node.inputs().stream().map(TensorVariable::dtype).toList();
        return ElementwiseKernels.generate(CompositePrograms.of(c, dtypes), node.output(0).ndim());
    }

    @Test
    void everyFusedGroupOfTheMlpAndDaeStepsIsOneKernelThatNvccCompiles() {
        for (Function f : List.of(MODELS.mlp(20, "fakecuda").function(), MODELS.dae(20, "fakecuda").function())) {
            List<Apply> groups = composites(f);
            assertThat(groups).isNotEmpty();
            for (Apply g : groups) {
                KernelSource k = kernel(g);
                assertThat(k.entryPoints()).hasSize(1);
                assertThat(k.code()).contains("__global__");
                Nvcc.compiles(k);
            }
        }
    }

    @Test
    void launchesPerStepAreAFewPerMatrixProduct() {
        Function f = MODELS.mlp(128, "fakecuda").function();
        int launches = 0;
        int products = 0;
        for (Apply n : f.nodes()) {
            if (n.op() instanceof OnDevice d) {
                launches += CudaPlacement.launches(n, d.op());
                String name = d.op().getClass().getSimpleName();
                products += name.equals("Gemm") || name.equals("Dot") ? 1 : 0;
            }
        }
        assertThat(products).isEqualTo(5);
        // the regularizer gradients fuse into the updates rather than into the gemms (ScaledDotPlusToGemm)
        assertThat(launches).isEqualTo(39);
    }

    @Test
    void theLessonKernelIsTheHiddenLayerGradientAsPlacedOnTheDevice() {
        // the handouts build writes LessonKernel.source("cpu") for lessons/gpu.adoc; placing on a device
        // must not change the fused group, or the lesson would show another kernel than the GPU runs
        String lesson = LessonKernel.source("cpu");
        assertThat(LessonKernel.source("fakecuda")).isEqualTo(lesson);
        assertThat(lesson).contains("(i1 - sqr(i0))", "__global__", "// sqr", "// sub", "// mul").doesNotContain("TODO");
    }
}
