package org.gradus.gpu.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.gradus.gpu.compiler.NvccCompiler;

/** The nvcc of this machine for compile checks; tests skip with a visible reason when there is none. */
final class Nvcc {
    /** The architecture compile checks target (H200 / H100). */
    static final String ARCH = "sm_90";
    private static final Optional<NvccCompiler> FOUND = NvccCompiler.find();

    private Nvcc() {
    }

    static NvccCompiler require() {
        assumeTrue(FOUND.isPresent(), "nvcc not found in $CUDA_HOME/bin, on the PATH or in /usr/local/cuda/bin:"
                + " generated CUDA C is not compiled on this machine");
        return FOUND.get();
    }

    /** Compiles the source to PTX and checks that every entry point is in it under its plain name. */
    static String compiles(KernelSource source) {
        String ptx = require().compileToPtx(source.code(), ARCH);
        for (String entry : source.entryPoints()) {
            assertThat(ptx).as(source.description()).contains(".entry " + entry + "(");
        }
        return ptx;
    }
}
