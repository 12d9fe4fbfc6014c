package org.gradus.gpu.place;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.gpu.CudaPlacement;
import org.gradus.ops.elemwise.Composite;
import org.gradus.ops.reduce.Reduce;
import org.gradus.ops.scalar.Sqr;
import org.gradus.ops.scalar.Tanh;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;

/** Sums fused into CPU loops never reach the device: the rule is CPU-only and the table refuses them. */
class SummedCompositePlacementTest {

    @Test
    void aSummedCompositeStaysOnTheHostAndTheDeviceKeepsItsSum() {
        TensorVariable x = T.tensor(DType.FLOAT32, "x", -1, -1);
        Composite plain = new Composite(1, List.of(new Composite.Step(new Tanh(), List.of(0), DType.FLOAT32),
                new Composite.Step(new Sqr(), List.of(1), DType.FLOAT32)), List.of(2));
        assertThat(CudaPlacement.of(plain.makeNode(List.of(x)))).isPresent();
        assertThat(CudaPlacement.of(plain.withSummed(0).makeNode(List.of(x)))).isEmpty();

        TensorVariable y = T.sum(T.sqr(T.tanh(x)));
        Function dev = Gradus.functionBuilder(List.of(x)).outputs(y).device(FakeDevice.NAME).build();
        assertThat(dev.rewriteLog().count("FuseSumIntoComposite")).isZero();
        assertThat(dev.nodes()).noneMatch(n -> n.op() instanceof Composite c && c.hasSummedOutputs());
        assertThat(dev.call(new float[][] {{0.5f, -1f, 2f}, {0f, 1.5f, -0.25f}}).doubleValue())
                .isCloseTo(sumOfSquaredTanh(0.5, -1, 2, 0, 1.5, -0.25), org.assertj.core.data.Offset.offset(1e-5));
        Function cpu = Gradus.functionBuilder(List.of(x)).outputs(y).build();
        assertThat(cpu.nodes()).noneMatch(n -> n.op() instanceof Reduce);
    }

    private static double sumOfSquaredTanh(double... v) {
        double s = 0;
        for (double e : v) {
            s += Math.tanh(e) * Math.tanh(e);
        }
        return s;
    }
}
