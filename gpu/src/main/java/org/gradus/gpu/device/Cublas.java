package org.gradus.gpu.device;

import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;
import org.gradus.types.DType;

/**
 * Matrix products through cuBLAS (JCublas2), for row-major operands: a row-major
 * {@code C = op(A) op(B)} is the column-major {@code C^T = op(B)^T op(A)^T}, so the operands are
 * passed swapped. {@link #probe()} says whether the library loads, without throwing.
 */
public final class Cublas {
    private static String probe;
    private final cublasHandle handle = new cublasHandle();

    /** Creates a cuBLAS handle in the current context; call only when {@link #loads()}. */
    public Cublas() {
        JCublas2.cublasCreate(handle);
    }

    /** "loaded", or why cuBLAS cannot be used; cached. */
    public static synchronized String probe() {
        if (probe == null) {
            try {
                JCublas2.setExceptionsEnabled(true);
                probe = "loaded (JCublas2)";
            } catch (LinkageError e) {
                probe = "not loadable, using the tiled GEMM kernel: " + org.gradus.gpu.NativeErrors.summary(e);
            } catch (CudaException e) {
                probe = "error, using the tiled GEMM kernel: " + org.gradus.gpu.NativeErrors.summary(e);
            }
        }
        return probe;
    }

    /** Whether cuBLAS loads on this machine. */
    public static boolean loads() {
        return probe().startsWith("loaded");
    }

    /**
     * {@code C = op(A) op(B)} for row-major float32 or float64 matrices with {@code op(A)} of shape
     * {@code m×k}, {@code op(B)} of shape {@code k×n}; {@code lda}, {@code ldb}, {@code ldc} are row lengths.
     */
    public void gemm(DType dtype, boolean transA, boolean transB, int m, int n, int k,
                     DeviceArray a, int lda, DeviceArray b, int ldb, DeviceArray c, int ldc) {
        int opA = transA ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N;
        int opB = transB ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N;
        Pointer pa = a.buffer().pointer();
        Pointer pb = b.buffer().pointer();
        Pointer pc = c.buffer().pointer();
        if (dtype == DType.FLOAT32) {
            JCublas2.cublasSgemm(handle, opB, opA, n, m, k, Pointer.to(new float[] {1f}), pb, ldb, pa, lda,
                    Pointer.to(new float[] {0f}), pc, ldc);
        } else {
            JCublas2.cublasDgemm(handle, opB, opA, n, m, k, Pointer.to(new double[] {1}), pb, ldb, pa, lda,
                    Pointer.to(new double[] {0}), pc, ldc);
        }
    }
}
