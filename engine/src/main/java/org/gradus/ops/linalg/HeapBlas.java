package org.gradus.ops.linalg;

import java.lang.System.Logger.Level;
import java.util.logging.Logger;
import dev.ludovic.netlib.blas.NativeBLAS;

/**
 * OpenBLAS's {@code sgemm} / {@code dgemm} on Java arrays in place, with no copies: netlib's JNI
 * binding ({@code dev.ludovic.netlib:blas}) hands the arrays to BLAS inside JNI critical regions,
 * and it is pointed at the OpenBLAS library that JavaCPP already loaded for {@link NativeBlas}, so
 * both paths run the same native code (with the same thread setting).
 *
 * <p>Copying operands off the heap and the result back cost the training steps' thin products about a
 * tenth of the step (the minibatch-128 autoencoder step went from 3.2 to 2.9 ms without them). netlib's binding
 * and {@code /proc/self/maps} (to find the library) exist on Linux only: elsewhere {@link NativeBlas} copies,
 * quietly; on Linux, when the binding does not load, one INFO line says why. {@code -Dgradus.blas.inplace=false}
 * keeps the copying path.
 */
final class HeapBlas {
    private static final System.Logger LOG = System.getLogger(HeapBlas.class.getName());
    private static final String LIBRARY_PROPERTY = "dev.ludovic.netlib.blas.nativeLibPath";
    /** Why the in-place path is off, or {@code null} when it loaded; set by {@link #load()}. */
    private static String problem;
    private static final NativeBLAS BLAS = load();
    private static volatile boolean enabled = BLAS != null;

    private HeapBlas() {
    }

    private static NativeBLAS load() {
        if (!NativeBlas.isLoaded()) {
            problem = "OpenBLAS is not loaded";
            return null;
        }
        if (!Boolean.parseBoolean(System.getProperty("gradus.blas.inplace", "true"))) {
            problem = "-Dgradus.blas.inplace=false";
            return null;
        }
        if (!MappedLibraries.supported()) {
            problem = "netlib's binding exists for Linux only";
            return null;
        }
        Logger netlibLog = Logger.getLogger("dev.ludovic.netlib.blas");
        java.util.logging.Level before = netlibLog.getLevel();
        try {
            if (System.getProperty(LIBRARY_PROPERTY) == null) {
                System.setProperty(LIBRARY_PROPERTY, MappedLibraries.path("libopenblas_nolapack.so"));
            }
            // netlib logs a warning for each pure-Java fallback it tries; only its native binding is wanted
            netlibLog.setLevel(java.util.logging.Level.SEVERE);
            return NativeBLAS.getInstance();
        } catch (Throwable e) { // IOException, UnsatisfiedLinkError, RuntimeException from netlib, NoClassDefFoundError
            problem = "netlib's binding did not load: " + NativeBlas.firstLine(e);
            LOG.log(Level.INFO, "OpenBLAS cannot be called on Java arrays in place (" + e
                    + "); matrix products copy their operands off the heap");
            return null;
        } finally {
            netlibLog.setLevel(before);
        }
    }

    /** Why products copy their operands off the heap, or {@code null} when the in-place binding loaded. */
    static String problem() {
        return problem;
    }

    /** Whether products go to OpenBLAS on the Java arrays themselves: the binding loaded and is not switched off. */
    static boolean isEnabled() {
        return enabled;
    }

    /** Switches the in-place path on or off (the benchmark compares it with the copying path). */
    static void setEnabled(boolean on) {
        enabled = on && BLAS != null;
    }

    /**
     * Row-major {@code C[rows×cols] = alpha·op(A)·op(B) + beta·C} for a block of a product, each
     * operand an array ({@code float[]} or {@code double[]}, all alike) read from an element offset with
     * its row-major leading dimension. BLAS is column-major: the row-major product is computed as
     * {@code Cᵀ = op(B)ᵀ·op(A)ᵀ}, which is the same memory.
     */
    static void gemm(boolean transA, boolean transB, int rows, int cols, int k, double alpha, Object a, int offA,
                     int lda, Object b, int offB, int ldb, double beta, Object c, int offC, int ldc) {
        String tb = transB ? "T" : "N";
        String ta = transA ? "T" : "N";
        if (c instanceof float[] z) {
            BLAS.sgemm(tb, ta, cols, rows, k, (float) alpha, (float[]) b, offB, ldb, (float[]) a, offA, lda,
                    (float) beta, z, offC, ldc);
        } else {
            BLAS.dgemm(tb, ta, cols, rows, k, alpha, (double[]) b, offB, ldb, (double[]) a, offA, lda, beta,
                    (double[]) c, offC, ldc);
        }
    }
}
