package org.gradus.gpu.place;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.function.Function;
import org.gradus.Gradus;
import org.gradus.gpu.CudaProbe;
import org.gradus.gpu.bench.SeedModels;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GPU only: the op contract and the seed training steps on CUDA against the CPU backend. */
class CudaTrainingGpuTest {
    private static final SeedModels MODELS = new SeedModels(DType.FLOAT32, 256);

    @BeforeEach
    void needsADevice() {
        assumeTrue(CudaProbe.deviceAvailable(), () -> "no CUDA device: " + CudaProbe.result().reason());
    }

    private static NDArray index(int i) {
        return NDArray.scalar(DType.INT64, i);
    }

    @Test
    void opContractOnCudaMatchesTheCpu() {
        List<Function<TensorVariable, TensorVariable>> ops = List.of(T::tanh, T::sigmoid, T::exp, x -> T.sum(x, 1),
                x -> T.sum(x, 0), x -> T.max(x, 1), T::softmax, x -> T.logSoftmax(x), x -> T.dot(x, x.transpose()),
                x -> x.transpose(), x -> T.mean(x), x -> T.sqr(x).add(x.mul(3)).sub(1));
        NDArray value = NDArray.zeros(DType.FLOAT32, 7, 5);
        for (int i = 0; i < value.size(); i++) {
            value.set(i, Math.sin(i * 0.7));
        }
        for (Function<TensorVariable, TensorVariable> op : ops) {
            TensorVariable x = T.fmatrix("x");
            TensorVariable y = op.apply(x);
            double[] cpu = Gradus.functionBuilder(List.of(x)).outputs(y).device("cpu").build().call(value).toDoubleArray();
            var f = Gradus.functionBuilder(List.of(x)).outputs(y).device("cuda").build();
            assertThat(f.backend().name()).isEqualTo("cuda");
            double[] gpu = f.call(value).toDoubleArray();
            assertThat(gpu).hasSameSizeAs(cpu);
            for (int k = 0; k < cpu.length; k++) {
                assertThat(gpu[k]).as(y.describe()).isCloseTo(cpu[k], within(1e-5 + 1e-5 * Math.abs(cpu[k])));
            }
        }
    }

    @Test
    void mlpStepsOnCudaEqualTheCpuWithinFloat32Tolerance() {
        SeedModels.Step cpu = MODELS.mlp(128, "cpu");
        SeedModels.Step gpu = MODELS.mlp(128, "cuda");
        for (int i = 0; i < 2; i++) {
            assertThat(gpu.function().call(index(i)).doubleValue())
                    .isCloseTo(cpu.function().call(index(i)).doubleValue(), within(1e-4));
        }
        for (int p = 0; p < cpu.parameters().size(); p++) {
            double[] e = cpu.parameters().get(p).getValue().toDoubleArray();
            double[] a = gpu.parameters().get(p).getValue().toDoubleArray();
            for (int k = 0; k < e.length; k++) {
                assertThat(a[k]).isCloseTo(e[k], within(1e-5));
            }
        }
    }

    @Test
    void daeCorruptionMasksOnCudaAreTheCpuMasksBitForBit() {
        SeedModels.Step cpu = MODELS.dae(20, "cpu");
        SeedModels.Step gpu = MODELS.dae(20, "cuda");
        for (int i = 0; i < 3; i++) {
            List<NDArray> c = cpu.function().callAll(index(i));
            List<NDArray> g = gpu.function().callAll(index(i));
            assertThat(g.get(1).toDoubleArray()).containsExactly(c.get(1).toDoubleArray());
            assertThat(g.get(0).doubleValue()).isCloseTo(c.get(0).doubleValue(), within(1e-3));
        }
    }
}
