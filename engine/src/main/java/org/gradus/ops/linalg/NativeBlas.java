package org.gradus.ops.linalg;

import java.lang.System.Logger.Level;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.gradus.Config;
import org.gradus.backend.cpu.CpuThreads;

/**
 * OpenBLAS's {@code cblas_sgemm} / {@code cblas_dgemm}, loaded through the JavaCPP presets when their
 * native library is present (the engine's build adds the natives of Linux, macOS and Windows on x86_64 and
 * arm64 where Maven Central has them, one platform per machine). If it does not load, or the flag
 * {@code natives=off} is set ({@link org.gradus.Config#natives()}), {@link #isLoaded()} is false, one INFO
 * line says why, and {@link MatMul} uses {@link JavaGemm}; {@link #describe()} says which path products take.
 *
 * <p>Where {@link HeapBlas} loads (Linux), OpenBLAS works on the Java arrays in place and nothing is
 * copied; float32 products there go to oneDNN's sgemm instead where {@link DnnlGemm} loads (faster kernels
 * for the thin products of training steps). Otherwise operands are copied into per-thread off-heap buffers
 * and the result copied back; large operands are copied by all cores in slices, and each core copies back
 * the rows of C it computed. That costs less than handing Java arrays to JNI, which copies every array in
 * and out again single-threaded
 * (measured at n = 1024: 135 against 74 GFLOP/s in float32; with no copies at all OpenBLAS reaches
 * about 250). The copies are O(n²) against the product's O(n³), so they matter for the thin products
 * of a training step more than for square ones.
 */
public final class NativeBlas {
    private static final System.Logger LOG = System.getLogger(NativeBlas.class.getName());
    /**
     * OpenBLAS's own threads ({@code -Dgradus.openblas.threads=N}, default 1). With more than one,
     * OpenBLAS splits each product itself and the engine's pool only copies operands.
     */
    static final int OPENBLAS_THREADS = Math.max(1, Integer.getInteger("gradus.openblas.threads", 1));
    /** Why OpenBLAS is not loaded, or {@code null} when it is; set by {@link #load()}. */
    private static String problem;
    private static final boolean LOADED = load();
    private static volatile boolean enabled = LOADED;
    /** The version to pass for an operand whose changes are not tracked: it is copied on every call. */
    static final int UNVERSIONED = Integer.MIN_VALUE;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    /** Operands of at least this many elements are copied off the heap by all cores (memory-bound, ~2× on 2 cores). */
    private static final int PARALLEL_COPY_MIN = 1 << 18;

    private NativeBlas() {
    }

    private static boolean load() {
        if (!Config.get().natives()) {
            problem = "natives=off";
            LOG.log(Level.INFO, "natives=off: matrix products use the pure-Java GEMM");
            return false;
        }
        try {
            org.bytedeco.javacpp.Loader.load(openblas_nolapack.class);
            // by default one OpenBLAS thread per call: CpuThreads splits big products, and OpenBLAS's own
            // idle threads would spin on the cores that the next Java kernels need
            org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(OPENBLAS_THREADS);
            return true;
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError
            problem = "OpenBLAS did not load on " + platform() + ": " + firstLine(e);
            LOG.log(Level.INFO, problem + "; matrix products use the pure-Java GEMM");
            return false;
        }
    }

    /** JavaCPP's name for this platform ({@code linux-x86_64}, {@code macosx-arm64}, ...), as its natives' classifier. */
    static String platform() {
        try {
            return org.bytedeco.javacpp.Loader.getPlatform();
        } catch (Throwable e) { // LinkageError: javacpp's own jar missing
            return System.getProperty("os.name") + "-" + System.getProperty("os.arch");
        }
    }

    /** The exception's class and the first line of its message. */
    static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + message;
    }

    /**
     * One line saying which code runs matrix products in this process and, for each native path not taken,
     * why (for {@link org.gradus.Doctor}); it loads the libraries if they are not loaded yet.
     */
    public static String describe() {
        if (!LOADED) {
            return "pure Java (" + problem + ")";
        }
        String where = "OpenBLAS " + openblasVersion();
        if (!HeapBlas.isEnabled()) {
            return where + ", on off-heap copies of the operands (in place: " + HeapBlas.problem() + ")";
        }
        if (!DnnlGemm.isEnabled()) {
            return where + ", on the Java arrays in place; oneDNN not used for float32 (" + DnnlGemm.problem() + ")";
        }
        return "oneDNN for float32 and " + where + " for float64, on the Java arrays in place";
    }

    /** The presets' version and the platform of the natives, e.g. {@code 0.3.30-1.5.12, linux-x86_64}. */
    private static String openblasVersion() {
        String version = openblas_nolapack.class.getPackage().getImplementationVersion();
        return "(" + (version == null ? "" : version + ", ") + platform() + ")";
    }

    /** Whether the native library loaded in this process. */
    public static boolean isLoaded() {
        return LOADED;
    }

    /** Whether matrix products go to OpenBLAS: loaded and not switched off. */
    public static boolean isEnabled() {
        return enabled;
    }

    /**
     * Switches the native path on or off for the whole process (benchmarks compare both); switching
     * it on has no effect when the library did not load.
     */
    public static void setEnabled(boolean on) {
        enabled = on && LOADED;
    }

    /** Whether products run on the Java arrays in place ({@link HeapBlas}) rather than on off-heap copies. */
    public static boolean isInPlace() {
        return enabled && HeapBlas.isEnabled();
    }

    /**
     * Chooses between OpenBLAS on the Java arrays in place and on off-heap copies (benchmarks and tests
     * compare both); in place has no effect where its binding did not load.
     */
    public static void setInPlace(boolean on) {
        HeapBlas.setEnabled(on);
    }

    /** Whether float32 products on the Java arrays in place go to oneDNN's sgemm ({@link DnnlGemm}) rather than OpenBLAS. */
    public static boolean usesOneDnn() {
        return isInPlace() && DnnlGemm.isEnabled();
    }

    /**
     * Chooses oneDNN (where its binding loaded) or OpenBLAS for float32 products on the Java arrays in place
     * (benchmarks and tests compare both); float64 products and the copying path always use OpenBLAS.
     */
    public static void setOneDnn(boolean on) {
        DnnlGemm.setEnabled(on);
    }

    /** Same contract as {@link JavaGemm#gemm(int, int, int, double, double[], boolean, double[], boolean, double, double[])}. */
    public static void gemm(int m, int n, int k, double alpha, double[] a, boolean transA, double[] b,
                            boolean transB, double beta, double[] c) {
        gemm(m, n, k, alpha, a, UNVERSIONED, transA, b, UNVERSIONED, transB, beta, c);
    }

    /**
     * The same, with the {@link org.gradus.tensor.NDArray#version() versions} of the arrays holding A
     * and B ({@link #UNVERSIONED} for none): an operand whose off-heap copy from an earlier call is
     * still current is not copied again.
     */
    static void gemm(int m, int n, int k, double alpha, double[] a, int versionA, boolean transA, double[] b,
                     int versionB, boolean transB, double beta, double[] c) {
        gemm(m, n, k, alpha, a, versionA, transA, b, versionB, transB, beta, c, UNVERSIONED, UNVERSIONED);
    }

    /**
     * The same, with the versions of C's array before and after this call: when C's old values are added
     * ({@code beta != 0}) and an off-heap copy of them is cached, the product is computed in that copy
     * (no copy in), which stays cached as the array's new version: the weight of an update
     * {@code W = W - lr * A·B} is then not copied again for the next product that reads it.
     */
    static void gemm(int m, int n, int k, double alpha, double[] a, int versionA, boolean transA, double[] b,
                     int versionB, boolean transB, double beta, double[] c, int versionCBefore, int versionCAfter) {
        product(m, n, k, alpha, a, versionA, transA, b, versionB, transB, beta, c, versionCBefore, versionCAfter);
    }

    /** The float32 form. */
    public static void gemm(int m, int n, int k, float alpha, float[] a, boolean transA, float[] b,
                            boolean transB, float beta, float[] c) {
        gemm(m, n, k, alpha, a, UNVERSIONED, transA, b, UNVERSIONED, transB, beta, c);
    }

    /** The float32 form of the versioned gemm. */
    static void gemm(int m, int n, int k, float alpha, float[] a, int versionA, boolean transA, float[] b,
                     int versionB, boolean transB, float beta, float[] c) {
        gemm(m, n, k, alpha, a, versionA, transA, b, versionB, transB, beta, c, UNVERSIONED, UNVERSIONED);
    }

    /** The float32 form of the gemm that keeps C's off-heap copy current. */
    static void gemm(int m, int n, int k, float alpha, float[] a, int versionA, boolean transA, float[] b,
                     int versionB, boolean transB, float beta, float[] c, int versionCBefore, int versionCAfter) {
        product(m, n, k, alpha, a, versionA, transA, b, versionB, transB, beta, c, versionCBefore, versionCAfter);
    }

    /**
     * {@code C = alpha·(op(A1)·op(B1) + op(A2)·op(B2)) + beta·C} (inner dimensions k1 and k2, the same flags)
     * on the Java arrays in place, each core's block of C computed by the two products back to back; the
     * arrays are all {@code float[]} or all {@code double[]}. Only where {@link #isInPlace()}.
     */
    static void gemmOfTwo(int m, int n, int k1, int k2, double alpha, Object a1, Object b1, Object a2, Object b2,
                          boolean transA, boolean transB, double beta, Object c) {
        if (!isInPlace()) {
            throw new IllegalStateException("gemmOfTwo needs OpenBLAS on the Java arrays in place");
        }
        Scratch s = SCRATCH.get();
        ProductSplit split = s.split.set(m, n, k1 + k2);
        s.product.runTwo(m, n, k1, k2, alpha, a1, b1, a2, b2, transA, transB, beta, c, split);
    }

    /** Both dtypes: a, b and c are all {@code float[]} or all {@code double[]}. */
    private static void product(int m, int n, int k, double alpha, Object a, int versionA, boolean transA, Object b,
                                int versionB, boolean transB, double beta, Object c, int versionCBefore,
                                int versionCAfter) {
        Scratch s = SCRATCH.get();
        ProductSplit split = s.split.set(m, n, k);
        if (HeapBlas.isEnabled()) {
            s.product.run(m, n, k, alpha, a, transA, b, transB, beta, c, split);
            return;
        }
        Pointer pa = s.operand(0, a, versionA, m * k, split);
        Pointer pb = s.operand(1, b, versionB, k * n, split);
        Pointer cached = beta != 0 && c != a && c != b ? s.cachedResult(c, versionCBefore, m * n, split) : null;
        Pointer pc = cached != null && cached != pa && cached != pb ? cached : s.buffer(2, c, (long) m * n);
        if (beta != 0 && pc != cached) {
            s.copier.copy(pc, c, m * n, split);
        }
        s.product.run(m, n, k, alpha, pa, transA, pb, transB, beta, pc, c, split);
        if (!split.byRows) {
            if (c instanceof float[] z) {
                ((FloatPointer) pc).get(z, 0, m * n);
            } else {
                ((DoublePointer) pc).get((double[]) c, 0, m * n);
            }
        }
        if (pc == cached) {
            s.retag(c, pc, versionCAfter);
        }
    }

    /**
     * Copies operands off the heap, in parallel slices when large. One per thread, reused: the slices
     * read its fields, so a copy allocates nothing.
     */
    private static final class Copier {
        private final java.util.function.IntConsumer slice = this::slice;
        private Pointer target;
        private Object source;
        private int size;
        private int parts;

        /** Copies {@code x[0, size)} into {@code p}. */
        void copy(Pointer p, Object x, int n, ProductSplit split) {
            target = p;
            source = x;
            size = n;
            parts = split.copyParts > 1 && n >= PARALLEL_COPY_MIN ? split.copyParts : 1;
            CpuThreads.forEach(parts, slice);
            target = null;
            source = null;
        }

        private void slice(int part) {
            int from = CpuThreads.partStart(size, parts, part, 1024);
            int to = CpuThreads.partStart(size, parts, part + 1, 1024);
            if (source instanceof float[] x) {
                PointerViews.at(3, (FloatPointer) target, from).put(x, from, to - from);
            } else {
                PointerViews.at(3, (DoublePointer) target, from).put((double[]) source, from, to - from);
            }
        }
    }

    /** Three growable off-heap buffers per dtype for A, B and C, and the cached operand copies, owned by one thread. */
    private static final class Scratch {
        private final FloatPointer[] floats = new FloatPointer[3];
        private final DoublePointer[] doubles = new DoublePointer[3];
        private final OperandCache cache = new OperandCache();
        final ProductSplit split = new ProductSplit();
        final Copier copier = new Copier();
        final SplitProduct product = new SplitProduct();

        /**
         * Operand {@code x} ({@code float[]} or {@code double[]}) off the heap: its cached copy when
         * current, else copied into the cache or a scratch slot.
         */
        Pointer operand(int slot, Object x, int version, int size, ProductSplit split) {
            boolean single = x instanceof float[];
            int bytes = single ? Float.BYTES : Double.BYTES;
            if (version == UNVERSIONED || !OperandCache.worthCaching(size, bytes)) {
                Pointer p = buffer(slot, x, size);
                copier.copy(p, x, size, split);
                return p;
            }
            Pointer hit = cache.find(x, version, size);
            if (hit != null) {
                return hit;
            }
            Pointer p = cache.reserve(x, version, size, bytes, single ? FloatPointer::new : DoublePointer::new);
            copier.copy(p, x, size, split);
            return p;
        }

        /**
         * The cached off-heap copy of C's current values (copied in now when only an older copy or none
         * is cached, for versioned arrays worth caching), or {@code null} to use a scratch buffer.
         */
        Pointer cachedResult(Object c, int version, int size, ProductSplit split) {
            return version == UNVERSIONED ? null : operand(2, c, version, size, split);
        }

        /** Scratch slot {@code slot} of {@code like}'s dtype, at least {@code size} elements. */
        Pointer buffer(int slot, Object like, long size) {
            return like instanceof float[] ? floats(slot, size) : doubles(slot, size);
        }

        void retag(Object array, Pointer copy, int version) {
            cache.retag(array, copy, version);
        }

        FloatPointer floats(int slot, long size) {
            if (floats[slot] == null || floats[slot].capacity() < size) {
                if (floats[slot] != null) {
                    floats[slot].close();
                }
                floats[slot] = new FloatPointer(Math.max(size, 1024));
            }
            return floats[slot];
        }

        DoublePointer doubles(int slot, long size) {
            if (doubles[slot] == null || doubles[slot].capacity() < size) {
                if (doubles[slot] != null) {
                    doubles[slot].close();
                }
                doubles[slot] = new DoublePointer(Math.max(size, 1024));
            }
            return doubles[slot];
        }
    }
}
