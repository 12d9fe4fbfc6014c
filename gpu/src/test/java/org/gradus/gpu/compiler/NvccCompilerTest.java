package org.gradus.gpu.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class NvccCompilerTest {
    private static final Optional<NvccCompiler> NVCC = NvccCompiler.find();

    private static NvccCompiler nvcc() {
        assumeTrue(NVCC.isPresent(), "nvcc not found in $CUDA_HOME/bin, on the PATH or in /usr/local/cuda/bin");
        return NVCC.get();
    }

    @Test
    void versionNamesTheRelease() {
        assertThat(nvcc().version()).startsWith("nvcc ").contains("release");
    }

    @Test
    void aBrokenKernelReportsTheCompilerLogAndTheSource() {
        String bad = "extern \"C\" __global__ void broken(float* x) { x[0] = undefined_name; }\n";
        assertThatThrownBy(() -> nvcc().compileToPtx(bad, "sm_90"))
                .isInstanceOf(KernelCompilationException.class)
                .hasMessageContaining("nvcc failed").hasMessageContaining("undefined_name")
                .hasMessageContaining("--- source ---");
    }
}
