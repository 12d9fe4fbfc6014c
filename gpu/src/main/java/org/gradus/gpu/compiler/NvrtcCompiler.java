package org.gradus.gpu.compiler;

import jcuda.CudaException;
import jcuda.nvrtc.JNvrtc;
import jcuda.nvrtc.nvrtcProgram;

/**
 * NVRTC, the in-process runtime compiler, through JCuda. JCuda 12.6 binds {@code libnvrtc.so.12};
 * on machines without it (CUDA 13 ships only {@code libnvrtc.so.13}) {@link #probe()} reports the
 * missing library instead of throwing.
 */
public final class NvrtcCompiler implements KernelCompiler {
    private final String version;

    private NvrtcCompiler(String version) {
        this.version = version;
    }

    /** The outcome of trying to load NVRTC: the compiler, or the reason it is unusable. */
    public record Probe(NvrtcCompiler compiler, String reason) {
    }

    private static Probe probe;

    /** Loads NVRTC once and caches the outcome; never throws. */
    public static synchronized Probe probe() {
        if (probe == null) {
            try {
                JNvrtc.setExceptionsEnabled(true);
                int[] major = {0};
                int[] minor = {0};
                JNvrtc.nvrtcVersion(major, minor);
                probe = new Probe(new NvrtcCompiler("nvrtc " + major[0] + "." + minor[0]), null);
            } catch (LinkageError e) {
                probe = new Probe(null, "NVRTC library not loadable: " + org.gradus.gpu.NativeErrors.summary(e));
            } catch (CudaException e) {
                probe = new Probe(null, "NVRTC error: " + org.gradus.gpu.NativeErrors.summary(e));
            }
        }
        return probe;
    }

    @Override
    public String name() {
        return "nvrtc";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String compileToPtx(String source, String architecture) {
        nvrtcProgram program = new nvrtcProgram();
        JNvrtc.nvrtcCreateProgram(program, source, "gradus_kernel.cu", 0, null, null);
        try {
            String[] options = {"--gpu-architecture=" + architecture.replace("sm_", "compute_"), "-std=c++17"};
            try {
                JNvrtc.nvrtcCompileProgram(program, options.length, options);
            } catch (CudaException e) {
                String[] log = new String[1];
                JNvrtc.nvrtcGetProgramLog(program, log);
                throw new KernelCompilationException("NVRTC failed for " + architecture + ":\n" + log[0]
                        + "\n--- source ---\n" + source, e);
            }
            String[] ptx = new String[1];
            JNvrtc.nvrtcGetPTX(program, ptx);
            return ptx[0];
        } finally {
            JNvrtc.nvrtcDestroyProgram(program);
        }
    }
}
