package org.gradus.gpu.compiler;

/** Compiles one CUDA C translation unit to PTX text for a target architecture such as {@code sm_90}. */
public interface KernelCompiler {

    /** A short name ({@code "nvrtc"}, {@code "nvcc"}). */
    String name();

    /** The compiler's exact version line; part of the cache key. */
    String version();

    /**
     * The PTX of {@code source} for {@code architecture} ({@code "sm_90"}); throws
     * {@link KernelCompilationException} with the compiler's log when the source does not compile.
     */
    String compileToPtx(String source, String architecture);
}
