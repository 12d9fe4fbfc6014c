package org.gradus.gpu.kernels;

import java.util.List;
import org.gradus.types.DType;

/**
 * The fallback matrix product, used when cuBLAS does not load: a tiled kernel in which each
 * {@link #TILE}×{@link #TILE} thread block computes one tile of {@code C}, staging tiles of
 * {@code op(A)} and {@code op(B)} in shared memory.
 *
 * <p>All matrices are row-major. Parameters:
 * {@code (const T* A, const T* B, T* C, int M, int N, int K, int lda, int ldb, int ldc, int transA,
 * int transB, T alpha, T beta)} computing {@code C = alpha * op(A) op(B) + beta * C} with
 * {@code op(A)} of shape {@code M×K} and {@code op(B)} of shape {@code K×N}; {@code op(X)} is
 * {@code X} or its transpose. Launch with a {@code TILE×TILE} block and a
 * {@code ceil(N/TILE) × ceil(M/TILE)} grid. With {@code beta = 0}, {@code C} is not read.
 */
public final class GemmKernels {
    /** The tile edge (threads per block edge). */
    public static final int TILE = 16;

    private GemmKernels() {
    }

    /** The tiled GEMM for float32 or float64. */
    public static KernelSource tiled(DType dtype) {
        if (!dtype.isFloat()) {
            throw new IllegalArgumentException("GEMM kernels are generated for float32 and float64, got " + dtype);
        }
        String t = CudaTypes.of(dtype);
        String name = "gradus_gemm_tiled_" + dtype.numpyName();
        String code = "// Gradus tiled GEMM of " + dtype + " (row-major), tile " + TILE + "\n"
                + "#define GRADUS_TILE " + TILE + "\n"
                + "extern \"C\" __global__ void " + name + "(const " + t + "* __restrict__ A, const " + t + "* __restrict__ B, "
                + t + "* __restrict__ C,\n"
                + "    int M, int N, int K, int lda, int ldb, int ldc, int transA, int transB, " + t + " alpha, " + t + " beta) {\n"
                + "  __shared__ " + t + " As[GRADUS_TILE][GRADUS_TILE];\n"
                + "  __shared__ " + t + " Bs[GRADUS_TILE][GRADUS_TILE + 1];\n"
                + "  const int row = blockIdx.y * GRADUS_TILE + threadIdx.y;\n"
                + "  const int col = blockIdx.x * GRADUS_TILE + threadIdx.x;\n"
                + "  " + t + " acc = 0;\n"
                + "  for (int k0 = 0; k0 < K; k0 += GRADUS_TILE) {\n"
                + "    const int ka = k0 + threadIdx.x, kb = k0 + threadIdx.y;\n"
                + "    As[threadIdx.y][threadIdx.x] = (row < M && ka < K)\n"
                + "        ? A[transA ? (long long) ka * lda + row : (long long) row * lda + ka] : (" + t + ") 0;\n"
                + "    Bs[threadIdx.y][threadIdx.x] = (kb < K && col < N)\n"
                + "        ? B[transB ? (long long) col * ldb + kb : (long long) kb * ldb + col] : (" + t + ") 0;\n"
                + "    __syncthreads();\n"
                + "    #pragma unroll\n"
                + "    for (int k = 0; k < GRADUS_TILE; k++) {\n"
                + "      acc += As[threadIdx.y][k] * Bs[k][threadIdx.x];\n"
                + "    }\n"
                + "    __syncthreads();\n"
                + "  }\n"
                + "  if (row < M && col < N) {\n"
                + "    " + t + "* c = C + (long long) row * ldc + col;\n"
                + "    *c = beta == (" + t + ") 0 ? alpha * acc : alpha * acc + beta * *c;\n"
                + "  }\n"
                + "}\n";
        return new KernelSource("tiled GEMM " + dtype, List.of(name), code);
    }
}
