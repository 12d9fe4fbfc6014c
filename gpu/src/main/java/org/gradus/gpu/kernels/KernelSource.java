package org.gradus.gpu.kernels;

import java.util.List;
import java.util.Objects;

/**
 * Generated CUDA C: the translation unit and the {@code extern "C"} entry points it defines, which
 * the driver finds by these plain names once the unit is compiled.
 */
public record KernelSource(String description, List<String> entryPoints, String code) {
    public KernelSource {
        Objects.requireNonNull(description, "description");
        entryPoints = List.copyOf(entryPoints);
        Objects.requireNonNull(code, "code");
    }

    /** The single entry point; fails when the unit defines several. */
    public String entryPoint() {
        if (entryPoints.size() != 1) {
            throw new IllegalStateException(description + " defines " + entryPoints.size() + " kernels: " + entryPoints);
        }
        return entryPoints.get(0);
    }

    @Override
    public String toString() {
        return code;
    }
}
