package org.gradus.gpu.kernels;

import java.util.List;
import org.gradus.ops.reduce.ReduceKind;
import org.gradus.types.DType;

/**
 * Reductions along one axis of a tensor seen as {@code (outer, length, inner)} (consecutive reduced
 * axes can be merged into one {@code length}): one thread block per output element
 * {@code (o, i)}, whose {@link #BLOCK} threads stride over the axis and combine their partial
 * results in shared memory.
 *
 * <p>Parameters: {@code (const T* x, R* out, int outer, int length, int inner)}. Sums and products
 * accumulate in double, as the CPU kernels do; max and min propagate NaN like
 * {@link ReduceKind#combine}; argmax and argmin return the first NaN, else the first extreme (the
 * CPU's rule), as int64.
 */
public final class ReductionKernels {
    /** Threads per block; a power of two. */
    public static final int BLOCK = 256;

    private ReductionKernels() {
    }

    /** The kernel reducing with {@code kind} over elements of {@code dtype}; the result has the same dtype. */
    public static KernelSource reduce(ReduceKind kind, DType dtype) {
        String t = CudaTypes.of(dtype);
        boolean wide = kind == ReduceKind.SUM || kind == ReduceKind.PROD;
        String acc = wide ? "double" : t;
        String identity = CudaTypes.literal(kind.identity(), wide ? DType.FLOAT64 : dtype);
        String combine;
        switch (kind) {
            case SUM:
                combine = "a + b";
                break;
            case PROD:
                combine = "a * b";
                break;
            case MAX:
                combine = "(b > a || b != b) ? b : a";
                break;
            default:
                combine = "(b < a || b != b) ? b : a";
                break;
        }
        String name = "gradus_reduce_" + kind.lowerName() + "_" + dtype.numpyName();
        String code = "// Gradus reduction: " + kind.lowerName() + " of " + dtype + " along one axis\n"
                + "__device__ __forceinline__ " + acc + " gradus_combine(" + acc + " a, " + acc + " b) { return "
                + combine + "; }\n"
                + "extern \"C\" __global__ void " + name + "(const " + t + "* __restrict__ x, " + t
                + "* __restrict__ out, int outer, int length, int inner) {\n"
                + "  __shared__ " + acc + " partial[" + BLOCK + "];\n"
                + "  const long long o = blockIdx.x / inner, i = blockIdx.x % inner;\n"
                + "  const " + t + "* row = x + o * (long long) length * inner + i;\n"
                + "  " + acc + " a = " + identity + ";\n"
                + "  for (int j = threadIdx.x; j < length; j += blockDim.x) {\n"
                + "    a = gradus_combine(a, (" + acc + ") row[(long long) j * inner]);\n"
                + "  }\n"
                + "  partial[threadIdx.x] = a;\n"
                + "  __syncthreads();\n"
                + "  for (int half = blockDim.x / 2; half > 0; half /= 2) {\n"
                + "    if (threadIdx.x < half) {\n"
                + "      partial[threadIdx.x] = gradus_combine(partial[threadIdx.x], partial[threadIdx.x + half]);\n"
                + "    }\n"
                + "    __syncthreads();\n"
                + "  }\n"
                + "  if (threadIdx.x == 0) {\n"
                + "    out[blockIdx.x] = (" + t + ") partial[0];\n"
                + "  }\n"
                + "}\n";
        return new KernelSource("reduce " + kind.lowerName() + " " + dtype, List.of(name), code);
    }

    /** The kernel of argmax ({@code max = true}) or argmin over elements of {@code dtype}, giving int64. */
    public static KernelSource argExtreme(boolean max, DType dtype) {
        String t = CudaTypes.of(dtype);
        String name = "gradus_arg" + (max ? "max" : "min") + "_" + dtype.numpyName();
        String better = max ? "bv > av" : "bv < av";
        String code = "// Gradus arg" + (max ? "max" : "min") + " of " + dtype + " along one axis: first NaN, else first extreme\n"
                + "__device__ __forceinline__ bool gradus_better(" + t + " bv, long long bi, " + t + " av, long long ai) {\n"
                + "  if (ai < 0) return true;\n"
                + "  if (bi < 0) return false;\n"
                + "  const bool an = av != av, bn = bv != bv;\n"
                + "  if (an || bn) return an && bn ? bi < ai : bn;\n"
                + "  return " + better + " || (bv == av && bi < ai);\n"
                + "}\n"
                + "extern \"C\" __global__ void " + name + "(const " + t + "* __restrict__ x, long long* __restrict__ out,"
                + " int outer, int length, int inner) {\n"
                + "  __shared__ " + t + " values[" + BLOCK + "];\n"
                + "  __shared__ long long indices[" + BLOCK + "];\n"
                + "  const long long o = blockIdx.x / inner, i = blockIdx.x % inner;\n"
                + "  const " + t + "* row = x + o * (long long) length * inner + i;\n"
                + "  " + t + " av = 0;\n"
                + "  long long ai = -1;\n"
                + "  for (int j = threadIdx.x; j < length; j += blockDim.x) {\n"
                + "    const " + t + " bv = row[(long long) j * inner];\n"
                + "    if (gradus_better(bv, j, av, ai)) { av = bv; ai = j; }\n"
                + "  }\n"
                + "  values[threadIdx.x] = av;\n"
                + "  indices[threadIdx.x] = ai;\n"
                + "  __syncthreads();\n"
                + "  for (int half = blockDim.x / 2; half > 0; half /= 2) {\n"
                + "    if (threadIdx.x < half && gradus_better(values[threadIdx.x + half], indices[threadIdx.x + half],\n"
                + "                                            values[threadIdx.x], indices[threadIdx.x])) {\n"
                + "      values[threadIdx.x] = values[threadIdx.x + half];\n"
                + "      indices[threadIdx.x] = indices[threadIdx.x + half];\n"
                + "    }\n"
                + "    __syncthreads();\n"
                + "  }\n"
                + "  if (threadIdx.x == 0) {\n"
                + "    out[blockIdx.x] = indices[0];\n"
                + "  }\n"
                + "}\n";
        return new KernelSource("arg" + (max ? "max " : "min ") + dtype, List.of(name), code);
    }
}
