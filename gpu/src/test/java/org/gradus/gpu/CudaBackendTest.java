package org.gradus.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.gradus.Gradus;
import org.gradus.backend.BackendSelection;
import org.gradus.backend.BackendUnavailableException;
import org.gradus.backend.Backends;
import org.gradus.ops.nnet.NNet;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;

class CudaBackendTest {

    @Test
    void isFoundThroughTheServiceLoader() {
        assertThat(Backends.find("cuda")).get().isInstanceOf(CudaBackend.class);
    }

    @Test
    void probeIsCachedAndNeverThrows() {
        CudaProbe.Result first = CudaProbe.result();
        assertThat(CudaProbe.result()).isSameAs(first);
        assertThat(first.reason()).doesNotContain("\n").isNotBlank();
    }

    @Test
    void withoutADeviceCudaFallsBackToTheCpuWithTheDriverReason() {
        assumeFalse(CudaProbe.deviceAvailable(), "a CUDA device is present, so there is no fallback to check");
        BackendSelection s = Backends.select("cuda", false);
        assertThat(s.backend().name()).isEqualTo("cpu");
        assertThat(s.fallbackWarning()).hasValueSatisfying(w -> assertThat(w)
                .contains("the cuda backend is unavailable: " + CudaProbe.result().reason())
                .doesNotContain("\n").doesNotContain("at jcuda"));
        assertThatThrownBy(() -> Backends.select("cuda", true)).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("strict mode");
    }

    @Test
    void statusReportNamesEveryItem() {
        String report = Gradus.cudaStatus();
        assertThat(report).startsWith("Gradus CUDA backend").contains("driver:", "kernel compiler:", "cuBLAS:",
                "kernel cache:", "backend:");
        if (!CudaProbe.deviceAvailable()) {
            assertThat(report).contains("driver:             none: " + CudaProbe.result().reason());
        } else {
            assertThat(report).contains("compute capability:", "memory:");
        }
    }

    @Test
    void capabilitiesCoverTheTrainingOpsAndNotTheRest() {
        CudaBackend cuda = new CudaBackend();
        TensorVariable x = T.tensor(DType.FLOAT32, "x", -1, -1);
        TensorVariable w = T.tensor(DType.FLOAT32, "w", -1, -1);
        TensorVariable y = T.tensor(DType.INT64, "y", -1);
        assertThat(cuda.supports(T.tanh(T.dot(x, w)).owner())).isTrue();
        assertThat(cuda.supports(T.dot(x, w).owner())).isTrue();
        assertThat(cuda.supports(NNet.softmax(x).owner())).isTrue();
        assertThat(cuda.supports(T.sum(x, 1).owner())).isTrue();
        assertThat(cuda.supports(T.sum(y, 0).owner())).isFalse();
        assertThat(cuda.supports(T.reshape(x, 2, -1).owner())).isFalse();
    }
}
