package org.gradus.gpu;

import java.util.Locale;
import org.gradus.gpu.compiler.KernelCache;
import org.gradus.gpu.compiler.KernelCompilers;
import org.gradus.gpu.device.Cublas;

/**
 * The CUDA diagnostic, also behind {@code Gradus.cudaStatus()}: driver, device, compute capability,
 * memory, kernel compiler, cuBLAS and the kernel cache, each on one line, or why it is missing.
 *
 * <p>Run it as {@code java -cp <jars> org.gradus.gpu.CudaStatus}; it exits with status 0 when the
 * backend is available and 1 otherwise, so scripts can test for a usable GPU.
 */
public final class CudaStatus {
    private CudaStatus() {
    }

    /** The report, one {@code name: value} line per item. */
    public static String report() {
        CudaProbe.Result probe = CudaProbe.result();
        StringBuilder s = new StringBuilder("Gradus CUDA backend\n");
        line(s, "JCuda", jcudaVersion());
        if (probe.device().isPresent()) {
            DeviceInfo d = probe.device().get();
            line(s, "driver", "CUDA " + d.driverCudaVersion() + " (" + d.driverVersion() + ")");
            line(s, "device 0", d.name());
            line(s, "compute capability", d.computeMajor() + "." + d.computeMinor() + " (" + d.architecture() + ", "
                    + d.multiprocessors() + " multiprocessors)");
            line(s, "memory", String.format(Locale.ROOT, "%.1f GiB", d.totalMemoryBytes() / (double) (1L << 30)));
        } else {
            line(s, "driver", "none: " + probe.reason());
        }
        line(s, "kernel compiler", KernelCompilers.describe());
        line(s, "cuBLAS", Cublas.probe());
        line(s, "kernel cache", KernelCache.defaultDirectory().toString());
        var availability = new CudaBackend().availability();
        line(s, "backend", availability.available() ? "available" : "unavailable: " + availability.reason());
        return s.toString();
    }

    private static void line(StringBuilder s, String name, String value) {
        s.append(String.format(Locale.ROOT, "  %-19s %s%n", name + ":", value));
    }

    private static String jcudaVersion() {
        Package p = jcuda.Pointer.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "12.6.0 (jcuda jar on the class path)" : v;
    }

    /** Prints the report; exit status 0 when the backend is available, 1 otherwise. */
    public static void main(String[] args) {
        System.out.print(report());
        System.exit(new CudaBackend().availability().available() ? 0 : 1);
    }
}
