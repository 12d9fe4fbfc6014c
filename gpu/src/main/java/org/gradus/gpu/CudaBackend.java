package org.gradus.gpu;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gradus.backend.Availability;
import org.gradus.backend.DeviceBackend;
import org.gradus.backend.DeviceProgram;
import org.gradus.backend.NodePlacement;
import org.gradus.backend.device.DeviceRunner;
import org.gradus.gpu.device.CudaKernels;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.TensorVariable;
import org.gradus.gpu.compiler.KernelCompilers;
import org.gradus.graph.Apply;

/**
 * The CUDA backend ({@code device=cuda}). Available when the driver reports a device and a kernel
 * compiler (NVRTC or nvcc) is found. Its capability table is {@link CudaPlacement}; compiled
 * functions run their placed graph through {@link CudaKernels} on one process-wide context, whose
 * residency keeps shared variables on the device between calls.
 */
public final class CudaBackend implements DeviceBackend {
    /** The device name that selects this backend. */
    public static final String NAME = "cuda";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Availability availability() {
        CudaProbe.Result probe = CudaProbe.result();
        if (probe.device().isEmpty()) {
            return Availability.no(probe.reason());
        }
        if (KernelCompilers.find().isEmpty()) {
            return Availability.no("no CUDA kernel compiler: " + KernelCompilers.describe());
        }
        return Availability.yes(probe.reason());
    }

    @Override
    public Optional<NodePlacement> placement(Apply node) {
        return CudaPlacement.of(node);
    }

    @Override
    public DeviceProgram compile(List<TensorVariable> inputs, List<Apply> nodes, List<TensorVariable> outputs,
                                 Map<SharedVariable, TensorVariable> updates) {
        CudaKernels kernels = CudaKernels.shared();
        return new DeviceRunner<>(kernels, kernels.residency(), inputs, nodes, outputs, updates);
    }

    @Override
    public String statusReport() {
        return CudaStatus.report();
    }
}
