package org.gradus.gpu.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.gradus.ops.random.Distribution;
import org.gradus.ops.reduce.ReduceKind;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;

/** Reductions, softmax, cross-entropy, indexing, GEMM and Philox: their source, and that nvcc compiles each. */
class StructuredKernelsTest {

    private static List<KernelSource> everyStructuredKernel() {
        List<KernelSource> all = new ArrayList<>();
        for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (ReduceKind kind : ReduceKind.values()) {
                all.add(ReductionKernels.reduce(kind, d));
            }
            all.add(ReductionKernels.argExtreme(true, d));
            all.add(ReductionKernels.argExtreme(false, d));
            all.add(SoftmaxKernels.rows(SoftmaxKernels.RowOutput.SOFTMAX, d));
            all.add(SoftmaxKernels.rows(SoftmaxKernels.RowOutput.LOG_SOFTMAX, d));
            all.add(SoftmaxKernels.crossentropy(d, d == DType.FLOAT32 ? DType.INT64 : DType.INT32));
            all.add(IndexingKernels.gatherScatter(d));
            all.add(GemmKernels.tiled(d));
            all.add(PhiloxKernels.kernels(d));
        }
        all.add(PhiloxKernels.kernels(DType.INT64));
        return all;
    }

    @Test
    void sourcesNameTheirEntryPointsAndFollowTheCpuRules() {
        KernelSource max = ReductionKernels.reduce(ReduceKind.MAX, DType.FLOAT32);
        assertThat(max.code()).contains("(b > a || b != b) ? b : a", "__shared__ float partial[256]");
        assertThat(ReductionKernels.reduce(ReduceKind.SUM, DType.FLOAT32).code()).contains("__shared__ double partial");
        assertThat(SoftmaxKernels.crossentropy(DType.FLOAT32, DType.INT64).entryPoints())
                .containsExactly("gradus_softmax_crossentropy_float32_int64", "gradus_softmax_crossentropy_grad_float32_int64");
        assertThat(GemmKernels.tiled(DType.FLOAT64).code()).contains("__shared__ double As[GRADUS_TILE][GRADUS_TILE]");
        assertThat(PhiloxKernels.kernels(DType.INT64).entryPoints()).containsExactly("gradus_random_binomial_int64");
        assertThatThrownBy(() -> SoftmaxKernels.rows(SoftmaxKernels.RowOutput.SOFTMAX, DType.INT32))
                .hasMessageContaining("float32 or float64");
    }

    @Test
    void blocksUsedMatchTheCpuStreamAdvance() {
        assertThat(PhiloxKernels.blocksUsed(new Distribution.Uniform(), DType.FLOAT32, 9)).isEqualTo(3);
        assertThat(PhiloxKernels.blocksUsed(new Distribution.Uniform(), DType.FLOAT64, 9)).isEqualTo(5);
        assertThat(PhiloxKernels.blocksUsed(new Distribution.Normal(), DType.FLOAT32, 5)).isEqualTo(2);
        assertThat(PhiloxKernels.blocksUsed(new Distribution.Normal(), DType.FLOAT64, 5)).isEqualTo(3);
        assertThat(PhiloxKernels.blocksUsed(new Distribution.Binomial(3), DType.INT64, 7)).isEqualTo(6);
    }

    @Test
    void everyStructuredKernelCompiles() {
        Nvcc.require();
        // one translation unit (one nvcc run): each kernel's helpers in their own namespace
        StringBuilder unit = new StringBuilder();
        List<String> entries = new ArrayList<>();
        List<KernelSource> all = everyStructuredKernel();
        for (int i = 0; i < all.size(); i++) {
            unit.append("namespace gradus_unit").append(i).append(" {\n").append(all.get(i).code()).append("}\n");
            entries.addAll(all.get(i).entryPoints());
        }
        assertThat(entries).doesNotHaveDuplicates().hasSize(33);
        Nvcc.compiles(new KernelSource("every structured kernel", entries, unit.toString()));
    }
}
