package org.gradus.gpu.kernels;

import java.util.List;
import org.gradus.types.DType;

/**
 * Advanced indexing on the leading axes, as {@code AdvancedSubtensor} and the incrementing
 * {@code AdvancedIncSubtensor} compute it, after the host has turned the index vectors into one
 * flat element offset per selected row ({@code rowOffsets}, int64) and each row is {@code inner}
 * contiguous elements.
 *
 * <ul>
 *   <li>gather: {@code (const T* x, const long long* rowOffsets, T* out, long long rows, long long inner)}
 *       with {@code out[n*inner + j] = x[rowOffsets[n] + j]};</li>
 *   <li>scatter-add: {@code (const T* value, const long long* rowOffsets, T* out, long long rows,
 *       long long inner, long long valueRows)} with {@code out[rowOffsets[n] + j] += value[(n % valueRows)*inner + j]}
 *       done with {@code atomicAdd}, so repeated indices accumulate like {@code numpy.add.at}
 *       (the order of the additions, and so the last bits of float sums, may vary).</li>
 * </ul>
 */
public final class IndexingKernels {
    private IndexingKernels() {
    }

    /** The gather and scatter-add kernels for elements of {@code dtype} (float32 or float64). */
    public static KernelSource gatherScatter(DType dtype) {
        if (!dtype.isFloat()) {
            throw new IllegalArgumentException("the indexing kernels are generated for float32 and float64, got " + dtype);
        }
        String t = CudaTypes.of(dtype);
        String gather = "gradus_gather_" + dtype.numpyName();
        String scatter = "gradus_scatter_add_" + dtype.numpyName();
        String loop = "  const long long n = rows * inner;\n"
                + "  for (long long idx = blockIdx.x * (long long) blockDim.x + threadIdx.x; idx < n;\n"
                + "       idx += (long long) blockDim.x * gridDim.x) {\n"
                + "    const long long row = idx / inner, j = idx % inner;\n";
        String code = "// Gradus advanced indexing of " + dtype + ": gather rows and scatter-add rows\n"
                + "extern \"C\" __global__ void " + gather + "(const " + t + "* __restrict__ x, const long long* __restrict__ rowOffsets, "
                + t + "* __restrict__ out, long long rows, long long inner) {\n"
                + loop
                + "    out[idx] = x[rowOffsets[row] + j];\n"
                + "  }\n"
                + "}\n"
                + "extern \"C\" __global__ void " + scatter + "(const " + t + "* __restrict__ value, const long long* __restrict__ rowOffsets, "
                + t + "* out, long long rows, long long inner, long long valueRows) {\n"
                + loop
                + "    atomicAdd(out + rowOffsets[row] + j, value[(row % valueRows) * inner + j]);\n"
                + "  }\n"
                + "}\n";
        return new KernelSource("gather/scatter-add " + dtype, List.of(gather, scatter), code);
    }
}
