package org.gradus.gpu.compiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the kernel compiler: NVRTC when its library loads, else {@code nvcc}. The choice and the
 * reasons for rejecting the others are cached and reported by {@link #describe()}.
 */
public final class KernelCompilers {
    private static Optional<KernelCompiler> chosen;
    private static final List<String> NOTES = new ArrayList<>();

    private KernelCompilers() {
    }

    /** The compiler to use, if there is one on this machine. */
    public static synchronized Optional<KernelCompiler> find() {
        if (chosen == null) {
            NvrtcCompiler.Probe nvrtc = NvrtcCompiler.probe();
            if (nvrtc.compiler() != null) {
                chosen = Optional.of(nvrtc.compiler());
            } else {
                NOTES.add(nvrtc.reason());
                Optional<NvccCompiler> nvcc = NvccCompiler.find();
                if (nvcc.isEmpty()) {
                    NOTES.add("nvcc not found in $CUDA_HOME/bin, on the PATH or in /usr/local/cuda/bin");
                }
                chosen = nvcc.map(c -> c);
            }
        }
        return chosen;
    }

    /** The compiler to use; throws {@link KernelCompilationException} naming what was tried when there is none. */
    public static KernelCompiler require() {
        return find().orElseThrow(() -> new KernelCompilationException("no CUDA kernel compiler: " + describe()));
    }

    /** One line: the chosen compiler and why the others were not taken. */
    public static synchronized String describe() {
        Optional<KernelCompiler> c = find();
        String notes = NOTES.isEmpty() ? "" : " (" + String.join("; ", NOTES) + ")";
        return c.map(k -> k.version() + notes).orElse("none" + notes);
    }
}
