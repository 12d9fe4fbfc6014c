package org.gradus.gpu.kernels;

import java.util.List;
import org.gradus.types.DType;

/**
 * Row-wise softmax, log-softmax and the fused softmax cross-entropy with integer labels, one thread
 * block per row of a {@code rows × cols} matrix (a vector is one row). Each row is shifted by its
 * maximum before exponentiating, as the CPU kernels do, and sums accumulate in double.
 *
 * <p>Parameters:
 * <ul>
 *   <li>softmax / log-softmax: {@code (const T* x, T* out, int rows, int cols)};</li>
 *   <li>cross-entropy: {@code (const T* logits, const L* labels, T* loss, T* softmax, int* badRow,
 *       int rows, int cols)} with {@code loss[r] = log(sum_c exp(x[r,c] - m_r)) + m_r - x[r, y_r]};
 *       a label outside {@code [0, cols)} gives a NaN loss and sets {@code *badRow = r + 1} (the
 *       executor reports it, like the CPU's error naming the row);</li>
 *   <li>its gradient: {@code (const T* softmax, const L* labels, const T* g, T* dx, int rows, int cols)}
 *       with {@code dx[r,c] = (softmax[r,c] - [c == y_r]) * g[r]}.</li>
 * </ul>
 */
public final class SoftmaxKernels {
    /** Threads per block; a power of two. */
    public static final int BLOCK = 256;

    private SoftmaxKernels() {
    }

    /** What a row kernel writes. */
    public enum RowOutput { SOFTMAX, LOG_SOFTMAX }

    private static String rowStatistics(String t) {
        return "__device__ double gradus_block_reduce(double v, bool isMax, double* scratch) {\n"
                + "  scratch[threadIdx.x] = v;\n"
                + "  __syncthreads();\n"
                + "  for (int half = blockDim.x / 2; half > 0; half /= 2) {\n"
                + "    if (threadIdx.x < half) {\n"
                + "      const double a = scratch[threadIdx.x], b = scratch[threadIdx.x + half];\n"
                + "      scratch[threadIdx.x] = isMax ? ((b > a || b != b) ? b : a) : a + b;\n"
                + "    }\n"
                + "    __syncthreads();\n"
                + "  }\n"
                + "  const double r = scratch[0];\n"
                + "  __syncthreads();\n"
                + "  return r;\n"
                + "}\n"
                + "// the row's maximum m and sum of exp(x - m), computed by the whole block\n"
                + "__device__ void gradus_row_statistics(const " + t + "* row, int cols, double* m, double* total) {\n"
                + "  __shared__ double scratch[" + BLOCK + "];\n"
                + "  double a = -__longlong_as_double(0x7ff0000000000000LL);\n"
                + "  for (int c = threadIdx.x; c < cols; c += blockDim.x) {\n"
                + "    const double b = row[c];\n"
                + "    a = (b > a || b != b) ? b : a;\n"
                + "  }\n"
                + "  *m = gradus_block_reduce(a, true, scratch);\n"
                + "  double s = 0;\n"
                + "  for (int c = threadIdx.x; c < cols; c += blockDim.x) {\n"
                + "    s += exp((double) row[c] - *m);\n"
                + "  }\n"
                + "  *total = gradus_block_reduce(s, false, scratch);\n"
                + "}\n";
    }

    /** Softmax or log-softmax of the rows of a matrix of {@code dtype}. */
    public static KernelSource rows(RowOutput output, DType dtype) {
        requireFloat(dtype);
        String t = CudaTypes.of(dtype);
        String name = "gradus_" + output.name().toLowerCase(java.util.Locale.ROOT) + "_" + dtype.numpyName();
        String value = output == RowOutput.SOFTMAX ? "exp((double) row[c] - m) / total" : "(double) row[c] - (m + log(total))";
        String code = "// Gradus " + output.name().toLowerCase(java.util.Locale.ROOT) + " of " + dtype + " rows\n"
                + rowStatistics(t)
                + "extern \"C\" __global__ void " + name + "(const " + t + "* __restrict__ x, " + t
                + "* __restrict__ out, int rows, int cols) {\n"
                + "  const " + t + "* row = x + (long long) blockIdx.x * cols;\n"
                + "  double m, total;\n"
                + "  gradus_row_statistics(row, cols, &m, &total);\n"
                + "  for (int c = threadIdx.x; c < cols; c += blockDim.x) {\n"
                + "    out[(long long) blockIdx.x * cols + c] = (" + t + ") (" + value + ");\n"
                + "  }\n"
                + "}\n";
        return new KernelSource(output.name().toLowerCase(java.util.Locale.ROOT) + " " + dtype, List.of(name), code);
    }

    /** The fused softmax cross-entropy forward and its gradient, for logits of {@code dtype} and labels of {@code labelDType}. */
    public static KernelSource crossentropy(DType dtype, DType labelDType) {
        requireFloat(dtype);
        if (!labelDType.isInteger()) {
            throw new IllegalArgumentException("labels must have an integer dtype, got " + labelDType);
        }
        String t = CudaTypes.of(dtype);
        String l = CudaTypes.of(labelDType);
        String suffix = dtype.numpyName() + "_" + labelDType.numpyName();
        String forward = "gradus_softmax_crossentropy_" + suffix;
        String backward = "gradus_softmax_crossentropy_grad_" + suffix;
        String code = "// Gradus fused softmax cross-entropy of " + dtype + " logits with " + labelDType + " labels\n"
                + rowStatistics(t)
                + "extern \"C\" __global__ void " + forward + "(const " + t + "* __restrict__ x, const " + l
                + "* __restrict__ labels, " + t + "* __restrict__ loss, " + t + "* __restrict__ sm, int* badRow, int rows, int cols) {\n"
                + "  const long long r = blockIdx.x;\n"
                + "  const " + t + "* row = x + r * cols;\n"
                + "  double m, total;\n"
                + "  gradus_row_statistics(row, cols, &m, &total);\n"
                + "  for (int c = threadIdx.x; c < cols; c += blockDim.x) {\n"
                + "    sm[r * cols + c] = (" + t + ") (exp((double) row[c] - m) / total);\n"
                + "  }\n"
                + "  if (threadIdx.x == 0) {\n"
                + "    const long long y = (long long) labels[r];\n"
                + "    if (y < 0 || y >= cols) {\n"
                + "      atomicCAS(badRow, 0, (int) r + 1);\n"
                + "      loss[r] = (" + t + ") __longlong_as_double(0x7ff8000000000000LL);\n"
                + "    } else {\n"
                + "      loss[r] = (" + t + ") (log(total) + m - (double) row[y]);\n"
                + "    }\n"
                + "  }\n"
                + "}\n"
                + "extern \"C\" __global__ void " + backward + "(const " + t + "* __restrict__ sm, const " + l
                + "* __restrict__ labels, const " + t + "* __restrict__ g, " + t + "* __restrict__ dx, int rows, int cols) {\n"
                + "  const long long n = (long long) rows * cols;\n"
                + "  for (long long idx = blockIdx.x * (long long) blockDim.x + threadIdx.x; idx < n;\n"
                + "       idx += (long long) blockDim.x * gridDim.x) {\n"
                + "    const long long r = idx / cols, c = idx % cols;\n"
                + "    const " + t + " hit = (long long) labels[r] == c ? 1 : 0;\n"
                + "    dx[idx] = (sm[idx] - hit) * g[r];\n"
                + "  }\n"
                + "}\n";
        return new KernelSource("softmax cross-entropy " + suffix, List.of(forward, backward), code);
    }

    private static void requireFloat(DType dtype) {
        if (!dtype.isFloat()) {
            throw new IllegalArgumentException("softmax kernels need float32 or float64, got " + dtype);
        }
    }
}
