package org.gradus.gpu.place;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.gradus.backend.DeviceProgram;
import org.gradus.backend.device.TransferCount;
import org.gradus.backend.device.Transfers;
import org.gradus.compile.Function;
import org.gradus.gpu.bench.SeedModels;
import org.gradus.graph.Apply;
import org.gradus.ops.device.OnDevice;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;

/** Placement and transfers of the seed training steps on the fake device (CUDA's table, CPU kernels). */
class PlacementTest {
    private static final SeedModels MODELS = new SeedModels(DType.FLOAT32, 100);

    private static NDArray index(int i) {
        return NDArray.scalar(DType.INT64, i);
    }

    @Test
    void mlpStepWithGivensMovesNoMinibatchOnlyScalarsAndTheLabelGradient() {
        Function f = new SeedModels(DType.FLOAT32, 40).mlp(20, FakeDevice.NAME).function();
        assertThat(f.backend().name()).isEqualTo(FakeDevice.NAME);
        Transfers.PerCall graph = Transfers.perCall(f.nodes(), f.outputs(), f.updates());
        assertThat(graph.uploads()).hasSize(2);
        assertThat(graph.downloads()).hasSize(8);
        assertThat(graph.deviceNodes()).isEqualTo(32);
        // no upload carries a minibatch (data and labels are shared, sliced on the device): only a scalar
        // and the 20x10 label gradient that advanced indexing scatters on the host
        assertThat(graph.uploads()).allMatch(n -> n.input(0).ndim() == 0
                || n.input(0).owner().op() instanceof org.gradus.ops.indexing.AdvancedIncSubtensor);
        DeviceProgram program = f.deviceProgram().orElseThrow();
        f.call(index(0));
        TransferCount first = program.lastTransfers();
        // 4 parameters, the data set and its labels, 16 constants (gemm scale factors among them): once
        assertThat(first.firstResidentUploads()).isEqualTo(22);
        f.call(index(1));
        TransferCount steady = program.lastTransfers();
        assertThat(steady.perCallUploads()).isEqualTo(2);
        assertThat(steady.uploadedBytes()).isEqualTo(804);
        assertThat(steady.downloads()).isEqualTo(8);
        assertThat(steady.downloadedBytes()).isEqualTo(1060);
        assertThat(program.lastLaunches()).isEqualTo(39);
    }

    @Test
    void mlpHostNodesAreIndexArithmeticScalarCostAndAdvancedIndexing() {
        Function f = MODELS.mlp(20, FakeDevice.NAME).function();
        Set<String> host = new TreeSet<>();
        Set<String> device = new TreeSet<>();
        for (Apply n : f.nodes()) {
            String name = n.op().getClass().getSimpleName();
            if (n.op() instanceof OnDevice d) {
                device.add(d.op().getClass().getSimpleName());
            } else if (!name.endsWith("ToDevice") && !name.endsWith("ToHost")) {
                host.add(name);
            }
        }
        assertThat(host).containsExactly("ARange", "AdvancedIncSubtensor", "Composite", "Subtensor");
        assertThat(device).containsExactly("Composite", "DimShuffle", "Elemwise", "Gemm", "LogSoftmax", "Reduce",
                "Shape", "Softmax", "SoftmaxCrossentropyWithLogits", "Subtensor");
    }

    @Test
    void mlpStepsOnTheDeviceEqualTheCpuAndParametersComeBackOnRead() {
        SeedModels.Step cpu = MODELS.mlp(20, "cpu");
        SeedModels.Step dev = MODELS.mlp(20, FakeDevice.NAME);
        for (int i = 0; i < 3; i++) {
            assertThat(dev.function().call(index(i)).doubleValue())
                    .isCloseTo(cpu.function().call(index(i)).doubleValue(), within(1e-6));
        }
        for (int p = 0; p < cpu.parameters().size(); p++) {
            SharedVariable d = dev.parameters().get(p);
            assertThat(d.deviceCopy()).isNotNull();
            double[] expected = cpu.parameters().get(p).getValue().toDoubleArray();
            double[] actual = d.getValue().toDoubleArray();
            for (int k = 0; k < expected.length; k++) {
                assertThat(actual[k]).isCloseTo(expected[k], within(1e-6));
            }
        }
    }

    @Test
    void setValueOnTheHostIsUploadedOnceOnTheNextCall() {
        SeedModels.Step step = MODELS.mlp(20, FakeDevice.NAME);
        Function f = step.function();
        f.call(index(0));
        f.call(index(1));
        SharedVariable bias = step.parameters().get(1);
        bias.setValue(NDArray.full(DType.FLOAT32, 0.5, 500));
        assertThat(bias.deviceCopy()).isNull();
        f.call(index(2));
        assertThat(f.deviceProgram().orElseThrow().lastTransfers().firstResidentUploads()).isEqualTo(1);
        f.call(index(3));
        assertThat(f.deviceProgram().orElseThrow().lastTransfers().firstResidentUploads()).isZero();
    }

    @Test
    void temporariesAreReleasedEveryCall() {
        Function f = MODELS.mlp(20, FakeDevice.NAME).function();
        f.call(index(0));
        long live = FakeDevice.KERNELS.live();
        f.call(index(1));
        f.call(index(2));
        assertThat(FakeDevice.KERNELS.live()).isEqualTo(live);
    }

    @Test
    void minibatchPassedAsArgumentsIsTheOnlyBulkUpload() {
        Function f = MODELS.mlpOnArguments(FakeDevice.NAME).function();
        f.callAll(MODELS.dataRows(0, 20), MODELS.labelRows(0, 20));
        f.callAll(MODELS.dataRows(1, 20), MODELS.labelRows(1, 20));
        TransferCount t = f.deviceProgram().orElseThrow().lastTransfers();
        // the minibatch (x and y), the 20x10 label gradient scattered on the host, and one scalar
        assertThat(t.perCallUploads()).isEqualTo(4);
        assertThat(t.uploadedBytes()).isEqualTo(20 * 784 * 4 + 20 * 8 + 20 * 10 * 4 + 4);
        // the cost and the labels that advanced indexing reads on the host
        assertThat(t.downloads()).isEqualTo(2);
    }

    @Test
    void daeCorruptionMasksAndCostsEqualTheCpu() {
        SeedModels.Step cpu = MODELS.dae(20, "cpu");
        SeedModels.Step dev = MODELS.dae(20, FakeDevice.NAME);
        for (int i = 0; i < 3; i++) {
            List<NDArray> c = cpu.function().callAll(index(i));
            List<NDArray> d = dev.function().callAll(index(i));
            assertThat(d.get(1).toDoubleArray()).containsExactly(c.get(1).toDoubleArray());
            assertThat(d.get(0).doubleValue()).isCloseTo(c.get(0).doubleValue(), within(1e-4));
        }
        TransferCount t = dev.function().deviceProgram().orElseThrow().lastTransfers();
        assertThat(t.perCallUploads()).isEqualTo(1);
        assertThat(t.downloadedBytes()).isEqualTo(4 + 20 * 784 * 4);
    }

    @Test
    void excludingThePlacePhaseKeepsEveryNodeOnTheHost() {
        var v = org.gradus.tensor.T.fvector("v");
        Function f = org.gradus.Gradus.functionBuilder(List.of(v)).outputs(org.gradus.tensor.T.tanh(v))
                .device(FakeDevice.NAME).excluding("place").build();
        assertThat(f.nodes()).noneMatch(n -> n.op() instanceof OnDevice);
    }
}
