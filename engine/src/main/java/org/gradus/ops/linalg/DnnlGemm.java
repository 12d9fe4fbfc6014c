package org.gradus.ops.linalg;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * oneDNN's {@code dnnl_sgemm} on Java {@code float[]} arrays in place: the float32 products of {@link NativeBlas}'s
 * in-place path. oneDNN generates its AVX-512 / AVX2 kernels at run time; on the training steps' thin products
 * (128×784·784×500 and the like, one core each) they take 15–25% less time than the OpenBLAS build of the
 * JavaCPP presets. oneDNN has no float64 product, so float64 stays with OpenBLAS.
 *
 * <p>Its native library comes from the JavaCPP presets ({@code org.bytedeco:dnnl}, linux-x86_64). The presets'
 * own binding copies Java arrays, so the engine's build compiles a small JNI binding of its own
 * ({@code src/main/c/gradus_sgemm.c}, with the system's C compiler) that pins the arrays in critical regions,
 * as netlib's binding does for OpenBLAS, and runs each call on the calling thread alone ({@link NativeBlas} cuts
 * the products over the cores). The binding is built on linux-x86_64 only; elsewhere float32 products use
 * OpenBLAS, quietly. On linux-x86_64, where the binding was not built (no C compiler) or does not load, one INFO
 * line says why; none for {@code -Dgradus.sgemm=openblas}, or when OpenBLAS itself is not loaded
 * ({@link NativeBlas} says so).
 */
final class DnnlGemm {
    private static final System.Logger LOG = System.getLogger(DnnlGemm.class.getName());
    /** The only platform the binding is built for (JavaCPP's name). */
    private static final String PLATFORM = "linux-x86_64";
    private static final String BINDING = "native/" + PLATFORM + "/libgradus_sgemm.so";
    private static final String[] STATUS = {"success", "out_of_memory", "invalid_arguments", "unimplemented",
        "last_impl_reached", "runtime_error", "not_required"};
    /** Why float32 products do not use oneDNN, or {@code null} when the binding loaded; set by {@link #load()}. */
    private static String problem;
    private static final boolean LOADED = load();
    private static volatile boolean enabled = LOADED;

    private DnnlGemm() {
    }

    private static boolean load() {
        String choice = System.getProperty("gradus.sgemm", "dnnl");
        if (!choice.equals("dnnl")) {
            if (!choice.equals("openblas")) {
                LOG.log(Level.WARNING, "-Dgradus.sgemm=" + choice + " is neither dnnl nor openblas; using openblas");
            }
            problem = "-Dgradus.sgemm=" + choice;
            return false;
        }
        if (!NativeBlas.isLoaded()) {
            problem = "OpenBLAS is not loaded";
            return false;
        }
        if (NativeBlas.OPENBLAS_THREADS > 1) {
            problem = "-Dgradus.openblas.threads > 1 hands each product to OpenBLAS whole";
            LOG.log(Level.INFO, problem + "; float32 products use OpenBLAS, not oneDNN");
            return false;
        }
        if (!NativeBlas.platform().equals(PLATFORM)) {
            problem = "the oneDNN binding is built on " + PLATFORM + " only";
            return false;
        }
        URL binding = DnnlGemm.class.getResource(BINDING);
        if (binding == null) {
            problem = "the oneDNN binding was not built with the engine (it needs a C compiler at build time)";
            LOG.log(Level.INFO, problem + "; float32 products use OpenBLAS");
            return false;
        }
        try {
            org.bytedeco.javacpp.Loader.load(org.bytedeco.dnnl.global.dnnl.class);
            System.load(localFile(binding).toString());
            int status = bind(MappedLibraries.path("libdnnl.so"));
            if (status != 0) {
                throw new IllegalStateException(status == 1 ? "libdnnl could not be opened again by its path"
                        : "libdnnl has no dnnl_sgemm or omp_set_num_threads");
            }
            return true;
        } catch (Throwable e) { // UnsatisfiedLinkError, IOException, NoClassDefFoundError, IllegalStateException
            problem = "oneDNN's sgemm did not load: " + NativeBlas.firstLine(e);
            LOG.log(Level.INFO, problem + "; float32 products use OpenBLAS");
            return false;
        }
    }

    /** The binding as a file: itself when the classes are a folder, else a copy in a temporary file. */
    private static Path localFile(URL binding) throws IOException, URISyntaxException {
        if (binding.getProtocol().equals("file")) {
            return Path.of(binding.toURI());
        }
        Path copy = Files.createTempFile("gradus_sgemm", ".so");
        copy.toFile().deleteOnExit();
        try (InputStream in = binding.openStream()) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    /** Why float32 products do not use oneDNN, or {@code null} when the binding loaded. */
    static String problem() {
        return problem;
    }

    /** Whether the binding loaded in this process. */
    static boolean isLoaded() {
        return LOADED;
    }

    /** Whether float32 products on Java arrays go to oneDNN: loaded and not switched off. */
    static boolean isEnabled() {
        return enabled;
    }

    /** Switches oneDNN on or off for float32 products (benchmarks and tests compare it with OpenBLAS). */
    static void setEnabled(boolean on) {
        enabled = on && LOADED;
    }

    /**
     * Row-major {@code C[rows×cols] = alpha·op(A)·op(B) + beta·C} on the calling thread, each operand read from an
     * element offset with its row-major leading dimension (the same contract as {@link HeapBlas#gemm}). The
     * bounds are checked here, since the native code cannot: an error names the operand and its extent.
     */
    static void gemm(boolean transA, boolean transB, int rows, int cols, int k, float alpha, float[] a, int offA,
                     int lda, float[] b, int offB, int ldb, float beta, float[] c, int offC, int ldc) {
        if (c == a || c == b) {
            throw new IllegalArgumentException("the result of a product must not be one of its operands");
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        checkBounds("A", a, offA, transA ? k : rows, transA ? rows : k, lda);
        checkBounds("B", b, offB, transB ? cols : k, transB ? k : cols, ldb);
        checkBounds("C", c, offC, rows, cols, ldc);
        if (k == 0) { // oneDNN leaves C as it is; the BLAS contract scales it by beta
            for (int i = 0; i < rows; i++) {
                for (int j = offC + i * ldc, end = j + cols; j < end; j++) {
                    c[j] = beta == 0 ? 0 : beta * c[j];
                }
            }
            return;
        }
        int status = sgemm(transA, transB, rows, cols, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
        if (status != 0) {
            String name = status > 0 && status < STATUS.length ? STATUS[status]
                    : status == -1 ? "arrays not pinned" : "status " + status;
            throw new IllegalStateException("oneDNN's sgemm failed (" + name + ") for a " + rows + "×" + k
                    + " · " + k + "×" + cols + " product (transA=" + transA + ", transB=" + transB + ")");
        }
    }

    /** A row-major block of {@code rows×cols} at {@code offset} with leading dimension {@code ld} must lie inside x. */
    private static void checkBounds(String operand, float[] x, int offset, int rows, int cols, int ld) {
        if (rows == 0 || cols == 0) {
            return;
        }
        long last = offset + (long) (rows - 1) * ld + cols - 1;
        if (offset < 0 || ld < cols || last >= x.length) {
            throw new IndexOutOfBoundsException("operand " + operand + ": a " + rows + "×" + cols + " block at offset "
                    + offset + " with leading dimension " + ld + " does not fit in its " + x.length + " elements");
        }
    }

    private static native int bind(String dnnlLibrary);

    private static native int sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a,
                                    int offA, int lda, float[] b, int offB, int ldb, float beta, float[] c, int offC,
                                    int ldc);
}
