package org.gradus.gpu.place;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gradus.backend.Availability;
import org.gradus.backend.DeviceBackend;
import org.gradus.backend.DeviceProgram;
import org.gradus.backend.NodePlacement;
import org.gradus.backend.device.DeviceKernels;
import org.gradus.backend.device.DeviceRunner;
import org.gradus.backend.device.Residency;
import org.gradus.gpu.CudaPlacement;
import org.gradus.graph.Apply;
import org.gradus.ops.device.OnDevice;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.TensorVariable;

/**
 * A device backend for CPU machines ({@code device=fakecuda}): the CUDA capability table and the
 * shared {@link DeviceRunner} bookkeeping, with "device arrays" that are host copies and kernels
 * that are the ops' CPU kernels. A released array that is used again, or a host array passed
 * where a device array belongs, fails, so the bookkeeping is checked end to end.
 */
public final class FakeDevice implements DeviceBackend {
    /** The device name. */
    public static final String NAME = "fakecuda";
    static final Kernels KERNELS = new Kernels();
    static final Residency<Held> RESIDENCY = new Residency<>(KERNELS);

    /** A value "on the device". */
    static final class Held {
        private final NDArray value;
        private boolean released;

        Held(NDArray value) {
            this.value = value;
        }

        NDArray value() {
            if (released) {
                throw new IllegalStateException("a released device array was used");
            }
            return value;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Availability availability() {
        return Availability.yes("CPU kernels on copies, with the CUDA capability table");
    }

    @Override
    public String statusReport() {
        return NAME + ": available (test device)";
    }

    @Override
    public Optional<NodePlacement> placement(Apply node) {
        return CudaPlacement.of(node);
    }

    @Override
    public DeviceProgram compile(List<TensorVariable> inputs, List<Apply> nodes, List<TensorVariable> outputs,
                                 Map<SharedVariable, TensorVariable> updates) {
        return new DeviceRunner<>(KERNELS, RESIDENCY, inputs, nodes, outputs, updates);
    }

    /** The fake kernels: copies in and out, CPU kernels in between, launches counted as on CUDA. */
    static final class Kernels implements DeviceKernels<Held> {
        private long launches;
        private long live;

        @Override
        public Held upload(NDArray host) {
            live++;
            return new Held(host.copy());
        }

        @Override
        public NDArray download(Held device) {
            return device.value().copy();
        }

        @Override
        public Held copy(Held device) {
            launches++;
            return upload(device.value());
        }

        @Override
        public void release(Held device) {
            device.value();
            device.released = true;
            live--;
        }

        @Override
        public long launches() {
            return launches;
        }

        /** Device arrays allocated and not released. */
        long live() {
            return live;
        }

        @Override
        public Object[] run(OnDevice op, Apply node, Object[] args) {
            NDArray[] in = new NDArray[args.length];
            for (int i = 0; i < args.length; i++) {
                boolean device = op.placement().inputOnDevice(i);
                if (device != args[i] instanceof Held) {
                    throw new IllegalStateException("input " + i + " of " + op.name() + " is on the wrong side");
                }
                in[i] = device ? ((Held) args[i]).value() : (NDArray) args[i];
            }
            int[][] shapes = op.op().outputShapes(in);
            NDArray[] out = new NDArray[node.outputs().size()];
            for (int o = 0; o < out.length; o++) {
                out[o] = NDArray.zeros(node.output(o).dtype(), shapes[o]);
            }
            op.op().perform(in, out);
            launches += CudaPlacement.launches(node, op.op());
            Object[] result = new Object[out.length];
            for (int o = 0; o < out.length; o++) {
                if (op.placement().outputOnDevice(o)) {
                    live++;
                    result[o] = new Held(out[o]);
                } else {
                    result[o] = out[o];
                }
            }
            return result;
        }
    }
}
