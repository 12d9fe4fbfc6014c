package org.gradus.gpu.kernels;

import java.util.List;
import org.gradus.ops.random.Distribution;
import org.gradus.types.DType;

/**
 * Random numbers on the device with the same Philox4x32-10 stream and the same mapping to samples
 * as the CPU's {@code org.gradus.ops.random} ({@code Philox}, {@code Distribution}): element
 * {@code i} reads the same words, so uniform and binomial samples (dropout and corruption masks)
 * are bit-identical on both backends. Normal samples follow the same Box–Muller formula; they are
 * bit-identical wherever the device's {@code log}, {@code cos} and {@code sin} round like Java's.
 *
 * <p>Word {@code w} of a draw with state {@code [key, counter]} is word {@code w % 4} of the Philox
 * block with counter {@code (lo(b), hi(b), 0, 0)}, {@code b = counter + w / 4}, and key
 * {@code (lo(key), hi(key))}. Elementwise functions are {@code __host__ __device__} so that the
 * same text compiles as host code (see {@link #hostHarness()}) for checking without a GPU.
 * Arithmetic uses round-to-nearest intrinsics on the device, so it is never contracted into FMAs.
 *
 * <p>Kernels for output dtype {@code T} (parameters are double arrays read at {@code i % length},
 * so a scalar or a parameter of the sample's trailing shape needs no expansion):
 * <ul>
 *   <li>{@code gradus_random_uniform_T(key, counter, n, low, lowLength, high, highLength, out)}</li>
 *   <li>{@code gradus_random_normal_T(key, counter, n, mean, meanLength, std, stdLength, out)}</li>
 *   <li>{@code gradus_random_binomial_T(key, counter, n, trials, p, pLength, out, badElement)},
 *       which sets {@code *badElement = i + 1} for a probability outside [0, 1]</li>
 * </ul>
 * with {@code key} and {@code counter} as {@code unsigned long long}, {@code n} and lengths as
 * {@code long long}, {@code trials} as {@code int}.
 */
public final class PhiloxKernels {
    private PhiloxKernels() {
    }

    /** The {@code __host__ __device__} generator and per-element sampling functions. */
    public static String deviceFunctions() {
        return """
            // Philox4x32-10 (Salmon et al., SC 2011) and the Gradus sample mapping
            #ifdef __CUDA_ARCH__
            #define GRADUS_ADD(a, b) __dadd_rn((a), (b))
            #define GRADUS_MUL(a, b) __dmul_rn((a), (b))
            #else
            #define GRADUS_ADD(a, b) ((a) + (b))
            #define GRADUS_MUL(a, b) ((a) * (b))
            #endif
            struct gradus_philox_block { unsigned int w[4]; };
            __host__ __device__ inline gradus_philox_block gradus_philox4x32_10(unsigned long long block, unsigned long long key) {
              unsigned int c0 = (unsigned int) block, c1 = (unsigned int) (block >> 32), c2 = 0u, c3 = 0u;
              unsigned int k0 = (unsigned int) key, k1 = (unsigned int) (key >> 32);
              for (int r = 0; r < 10; r++) {
                if (r > 0) { k0 += 0x9E3779B9u; k1 += 0xBB67AE85u; }
                const unsigned long long p0 = (unsigned long long) c0 * 0xD2511F53ull;
                const unsigned long long p1 = (unsigned long long) c2 * 0xCD9E8D57ull;
                const unsigned int n0 = (unsigned int) (p1 >> 32) ^ c1 ^ k0;
                const unsigned int n1 = (unsigned int) p1;
                const unsigned int n2 = (unsigned int) (p0 >> 32) ^ c3 ^ k1;
                const unsigned int n3 = (unsigned int) p0;
                c0 = n0; c1 = n1; c2 = n2; c3 = n3;
              }
              gradus_philox_block out = {{c0, c1, c2, c3}};
              return out;
            }
            __host__ __device__ inline unsigned int gradus_philox_word(unsigned long long key, unsigned long long counter, unsigned long long w) {
              return gradus_philox4x32_10(counter + w / 4, key).w[w % 4];
            }
            // uniform in [0, 1): 24 bits of one word for float32, 53 bits of two words (first = high) for float64
            __host__ __device__ inline double gradus_unit(unsigned long long key, unsigned long long counter, unsigned long long u, bool single) {
              if (single) {
                return (double) ((float) (gradus_philox_word(key, counter, u) >> 8) * 0x1.0p-24f);
              }
              const unsigned long long hi = gradus_philox_word(key, counter, 2 * u), lo = gradus_philox_word(key, counter, 2 * u + 1);
              return (double) (((hi << 32) | lo) >> 11) * 0x1.0p-53;
            }
            __host__ __device__ inline double gradus_uniform(unsigned long long key, unsigned long long counter, long long i, bool single, double low, double high) {
              return GRADUS_ADD(low, GRADUS_MUL(high - low, gradus_unit(key, counter, i, single)));
            }
            // Box-Muller on the pair (2j, 2j+1): uniforms 2j and 2j+1; the even element takes the cosine
            __host__ __device__ inline double gradus_normal(unsigned long long key, unsigned long long counter, long long i, bool single, double mean, double std) {
              const long long pair = i / 2;
              const double u1 = gradus_unit(key, counter, 2 * pair, single);
              const double u2 = gradus_unit(key, counter, 2 * pair + 1, single);
              const double r = sqrt(GRADUS_MUL(-2.0, log(1.0 - u1)));
              const double theta = GRADUS_MUL(GRADUS_MUL(2.0, 0x1.921fb54442d18p+1), u2);
              return GRADUS_ADD(mean, GRADUS_MUL(GRADUS_MUL(std, r), i % 2 == 0 ? cos(theta) : sin(theta)));
            }
            // successes among trials words w of element i, a success being w * 2^-32 < p
            __host__ __device__ inline long long gradus_binomial(unsigned long long key, unsigned long long counter, long long i, int trials, double p) {
              long long successes = 0;
              for (int t = 0; t < trials; t++) {
                const unsigned int w = gradus_philox_word(key, counter, (unsigned long long) i * trials + t);
                if ((double) w * 0x1.0p-32 < p) {
                  successes++;
                }
              }
              return successes;
            }
            """;
    }

    /** The three sampling kernels for samples of {@code dtype} (binomial also for integer dtypes). */
    public static KernelSource kernels(DType dtype) {
        String t = CudaTypes.of(dtype);
        String d = dtype.numpyName();
        boolean single = dtype == DType.FLOAT32;
        StringBuilder c = new StringBuilder("// Gradus random sampling into " + dtype + "\n").append(deviceFunctions());
        String head = "(unsigned long long key, unsigned long long counter, long long n, ";
        String loop = "  for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < n; i += (long long) blockDim.x * gridDim.x) {\n";
        List<String> names;
        if (dtype.isFloat()) {
            c.append("extern \"C\" __global__ void gradus_random_uniform_").append(d).append(head)
                    .append("const double* low, long long lowLength, const double* high, long long highLength, ").append(t).append("* out) {\n")
                    .append(loop)
                    .append("    out[i] = (").append(t).append(") gradus_uniform(key, counter, i, ").append(single)
                    .append(", low[i % lowLength], high[i % highLength]);\n  }\n}\n");
            c.append("extern \"C\" __global__ void gradus_random_normal_").append(d).append(head)
                    .append("const double* mean, long long meanLength, const double* std, long long stdLength, ").append(t).append("* out) {\n")
                    .append(loop)
                    .append("    out[i] = (").append(t).append(") gradus_normal(key, counter, i, ").append(single)
                    .append(", mean[i % meanLength], std[i % stdLength]);\n  }\n}\n");
            names = List.of("gradus_random_uniform_" + d, "gradus_random_normal_" + d, "gradus_random_binomial_" + d);
        } else {
            names = List.of("gradus_random_binomial_" + d);
        }
        c.append("extern \"C\" __global__ void gradus_random_binomial_").append(d).append(head)
                .append("int trials, const double* p, long long pLength, ").append(t).append("* out, int* badElement) {\n")
                .append(loop)
                .append("    const double pi = p[i % pLength];\n")
                .append("    if (!(pi >= 0.0 && pi <= 1.0)) { atomicCAS(badElement, 0, (int) i + 1); }\n")
                .append("    out[i] = (").append(t).append(") gradus_binomial(key, counter, i, trials, pi);\n  }\n}\n");
        return new KernelSource("random sampling " + dtype, names, c.toString());
    }

    /**
     * The number of Philox blocks a draw of {@code n} elements consumes, by which the state's counter
     * advances (as {@code RandomDraw} advances it on the CPU).
     */
    public static long blocksUsed(Distribution distribution, DType dtype, long n) {
        long wordsPerUniform = dtype == DType.FLOAT32 ? 1 : 2;
        long words;
        if (distribution instanceof Distribution.Uniform) {
            words = n * wordsPerUniform;
        } else if (distribution instanceof Distribution.Normal) {
            words = ((n + 1) / 2) * 2 * wordsPerUniform;
        } else {
            words = n * ((Distribution.Binomial) distribution).trials();
        }
        return (words + 3) / 4;
    }

    /**
     * A host program over the same functions, for checking the stream without a GPU. Arguments:
     * {@code uniform|normal|binomial float32|float64 key counter n a b} (a, b: the two parameters,
     * or trials and p for binomial, numbers in C syntax); it prints one sample per line, floats as
     * the hexadecimal bits of the sample's dtype, binomial counts in decimal.
     */
    public static String hostHarness() {
        return deviceFunctions() + """
            #include <cstdio>
            #include <cstdlib>
            #include <cstring>
            int main(int argc, char** argv) {
              if (argc != 8) { std::fprintf(stderr, "usage: dist dtype key counter n a b\\n"); return 2; }
              const bool single = std::strcmp(argv[2], "float32") == 0;
              const unsigned long long key = std::strtoull(argv[3], 0, 0), counter = std::strtoull(argv[4], 0, 0);
              const long long n = std::strtoll(argv[5], 0, 0);
              const double a = std::strtod(argv[6], 0), b = std::strtod(argv[7], 0);
              for (long long i = 0; i < n; i++) {
                if (std::strcmp(argv[1], "binomial") == 0) {
                  std::printf("%lld\\n", gradus_binomial(key, counter, i, (int) a, b));
                  continue;
                }
                const double v = std::strcmp(argv[1], "uniform") == 0
                    ? gradus_uniform(key, counter, i, single, a, b) : gradus_normal(key, counter, i, single, a, b);
                if (single) {
                  const float f = (float) v; unsigned int bits; std::memcpy(&bits, &f, 4); std::printf("%08x\\n", bits);
                } else {
                  unsigned long long bits; std::memcpy(&bits, &v, 8); std::printf("%016llx\\n", bits);
                }
              }
              return 0;
            }
            """;
    }
}
