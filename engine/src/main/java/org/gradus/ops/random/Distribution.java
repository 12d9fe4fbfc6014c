package org.gradus.ops.random;

import java.util.List;
import org.gradus.DTypeException;
import org.gradus.GradusException;
import org.gradus.backend.cpu.CpuThreads;
import org.gradus.tensor.NDArray;
import org.gradus.types.DType;

/**
 * A probability distribution that {@link RandomDraw} samples from, and the exact rule that turns
 * the Philox word stream into samples (a CUDA kernel must follow the same rule).
 *
 * <p>Elements are produced in row-major order from one {@link Philox.WordStream}; a uniform
 * {@code u} is {@link Philox#toFloat} of one word when the output is float32 and
 * {@link Philox#toDouble} of two words otherwise. Arithmetic is done in double and rounded once to
 * the output dtype. Words left over in the last block are discarded.
 */
public sealed interface Distribution permits Distribution.Uniform, Distribution.Normal, Distribution.Binomial {

    /** A short name for printing, such as {@code "uniform"}. */
    String name();

    /** The names of the parameters, in the order the op takes them after (state, shape). */
    List<String> parameterNames();

    /** Throws {@link DTypeException} when samples cannot be stored in {@code dtype}. */
    void checkDType(DType dtype);

    /**
     * Fills {@code out} (flat, row-major) reading words from {@code words}; {@code at(params[j], i)} is
     * parameter {@code j} broadcast to element {@code i} ({@code params[j]} holds one value for a
     * scalar parameter, else one per element).
     */
    void sample(Philox.WordStream words, double[][] params, NDArray out);

    /** Element {@code i} of a broadcast parameter: its only value, or its value at {@code i}. */
    static double at(double[] param, int i) {
        return param.length == 1 ? param[0] : param[i];
    }

    private static void requireFloat(String what, DType dtype) {
        if (!dtype.isFloat()) {
            throw new DTypeException(what + ": samples are real numbers and need a float dtype, got " + dtype);
        }
    }

    private static double unit(Philox.WordStream words, boolean single) {
        return single ? words.nextFloat() : words.nextDouble();
    }

    /**
     * Uniform on [low, high): element {@code i} is {@code low + (high - low) * u_i}, one uniform each
     * (rounding to float32 may give {@code high} itself when the bounds are not exact in float32).
     */
    record Uniform() implements Distribution {
        @Override
        public String name() {
            return "uniform";
        }

        @Override
        public List<String> parameterNames() {
            return List.of("low", "high");
        }

        @Override
        public void checkDType(DType dtype) {
            requireFloat("uniform", dtype);
        }

        @Override
        public void sample(Philox.WordStream words, double[][] params, NDArray out) {
            boolean single = out.dtype() == DType.FLOAT32;
            for (int i = 0; i < out.size(); i++) {
                double low = at(params[0], i);
                out.set(i, low + (at(params[1], i) - low) * unit(words, single));
            }
        }
    }

    /**
     * Normal with the given mean and standard deviation by Box–Muller: the pair of elements
     * {@code (2j, 2j+1)} reads uniforms {@code u1} then {@code u2} and gets
     * {@code mean + std * r cos(2 pi u2)} and {@code mean + std * r sin(2 pi u2)} with
     * {@code r = sqrt(-2 ln(1 - u1))}; an odd last element uses only the cosine.
     */
    record Normal() implements Distribution {
        @Override
        public String name() {
            return "normal";
        }

        @Override
        public List<String> parameterNames() {
            return List.of("mean", "std");
        }

        @Override
        public void checkDType(DType dtype) {
            requireFloat("normal", dtype);
        }

        @Override
        public void sample(Philox.WordStream words, double[][] params, NDArray out) {
            boolean single = out.dtype() == DType.FLOAT32;
            int n = out.size();
            for (int i = 0; i < n; i += 2) {
                // 1 - u1 lies in (0, 1], so the logarithm is finite
                double r = Math.sqrt(-2.0 * Math.log(1.0 - unit(words, single)));
                double theta = 2.0 * Math.PI * unit(words, single);
                out.set(i, at(params[0], i) + at(params[1], i) * r * Math.cos(theta));
                if (i + 1 < n) {
                    out.set(i + 1, at(params[0], i + 1) + at(params[1], i + 1) * r * Math.sin(theta));
                }
            }
        }
    }

    /**
     * Binomial with {@code trials} trials of success probability {@code p}: element {@code i} reads
     * {@code trials} words {@code w} and counts those with {@code w * 2^-32 < p} (w unsigned), so
     * p = 0 never succeeds and p = 1 always does.
     */
    record Binomial(int trials) implements Distribution {
        /** Draws of at least this many words are split over the cores. */
        private static final long PARALLEL_WORDS = 1 << 14;
        /** Words generated per chunk: a chunk's words and counts stay in the first-level cache. */
        private static final int CHUNK_WORDS = 1024;
        /** Per thread: the stream of its part of a split draw. */
        private static final ThreadLocal<Philox.WordStream> PART_STREAM =
                ThreadLocal.withInitial(() -> new Philox.WordStream(0, 0));
        /** Per thread: the counts and the words of one chunk. */
        private static final ThreadLocal<int[][]> SCRATCH =
                ThreadLocal.withInitial(() -> new int[][] {new int[CHUNK_WORDS], new int[CHUNK_WORDS]});

        public Binomial {
            if (trials < 0) {
                throw new IllegalArgumentException("binomial: the number of trials must be >= 0, got " + trials);
            }
        }

        @Override
        public String name() {
            return "binomial{n=" + trials + "}";
        }

        @Override
        public List<String> parameterNames() {
            return List.of("p");
        }

        @Override
        public void checkDType(DType dtype) {
            if (dtype == DType.BOOL || (dtype == DType.UINT8 && trials > 255)) {
                throw new DTypeException("binomial: counts of " + trials + " trials cannot be stored as " + dtype
                        + "; use int64 (the default), int32 or a float dtype");
            }
        }

        @Override
        public void sample(Philox.WordStream words, double[][] params, NDArray out) {
            double[] p = params[0];
            int n = out.size();
            for (int i = 0; i < p.length; i++) {
                if (!(p[i] >= 0.0 && p[i] <= 1.0)) {
                    throw new GradusException("binomial: the probability p must lie in [0, 1], got " + p[i]
                            + (p.length == 1 ? "" : " at element " + i));
                }
            }
            long total = (long) n * trials;
            if (total >= PARALLEL_WORDS && CpuThreads.worthSplitting(total * 32)) {
                // element i reads words [i * trials, (i + 1) * trials): parts that start at a multiple of
                // four elements start at a whole Philox block, so each part forks its own stream
                int parts = CpuThreads.parallelism();
                CpuThreads.forEach(parts, part -> {
                    int from = CpuThreads.partStart(n, parts, part, 4);
                    int to = CpuThreads.partStart(n, parts, part + 1, 4);
                    Philox.WordStream stream = PART_STREAM.get();
                    words.forkInto(stream, (long) from * trials);
                    fill(stream, p, out, from, to);
                });
                words.skip(total);
            } else {
                fill(words, p, out, 0, n);
            }
        }

        /** Elements {@code [from, to)} of the draw, reading their words from {@code words}, a chunk at a time. */
        private void fill(Philox.WordStream words, double[] p, NDArray out, int from, int to) {
            int[][] scratch = SCRATCH.get();
            int[] counts = scratch[0];
            int[] w = scratch[1];
            int perChunk = Math.max(1, Math.min(CHUNK_WORDS, CHUNK_WORDS / Math.max(trials, 1)));
            long scalarLimit = p.length == 1 ? limit(p[0]) : 0;
            for (int start = from; start < to; start += perChunk) {
                int len = Math.min(perChunk, to - start);
                if (trials == 1 && p.length == 1) {
                    words.nextWords(w, 0, len);
                    if (storeSuccesses(w, scalarLimit, out, start, len)) {
                        continue;
                    }
                    for (int j = 0; j < len; j++) {
                        counts[j] = success(w[j], scalarLimit);
                    }
                } else if (trials <= CHUNK_WORDS) {
                    words.nextWords(w, 0, len * trials);
                    for (int j = 0, k = 0; j < len; j++) {
                        long limit = p.length == 1 ? scalarLimit : limit(p[start + j]);
                        int c = 0;
                        for (int t = 0; t < trials; t++, k++) {
                            c += success(w[k], limit);
                        }
                        counts[j] = c;
                    }
                } else {
                    long limit = p.length == 1 ? scalarLimit : limit(p[start]);
                    int c = 0;
                    for (int t = 0; t < trials; t++) {
                        c += success(words.nextWord(), limit);
                    }
                    counts[0] = c;
                }
                store(counts, out, start, len);
            }
        }

        /**
         * One trial per element into a float array: each word's success straight to its element, one pass
         * instead of counting and then storing; false (nothing written) for other dtypes.
         */
        private static boolean storeSuccesses(int[] w, long limit, NDArray out, int start, int len) {
            if (out.dtype() == DType.FLOAT32) {
                float[] z = out.float32Data();
                for (int j = 0; j < len; j++) {
                    z[start + j] = success(w[j], limit);
                }
                return true;
            }
            if (out.dtype() == DType.FLOAT64) {
                double[] z = out.float64Data();
                for (int j = 0; j < len; j++) {
                    z[start + j] = success(w[j], limit);
                }
                return true;
            }
            return false;
        }

        /** Writes {@code counts[0, len)} to elements {@code [start, start + len)} of {@code out}. */
        private static void store(int[] counts, NDArray out, int start, int len) {
            switch (out.dtype()) {
                case FLOAT32 -> {
                    float[] z = out.float32Data();
                    for (int j = 0; j < len; j++) {
                        z[start + j] = counts[j];
                    }
                }
                case FLOAT64 -> {
                    double[] z = out.float64Data();
                    for (int j = 0; j < len; j++) {
                        z[start + j] = counts[j];
                    }
                }
                case INT64 -> {
                    long[] z = out.int64Data();
                    for (int j = 0; j < len; j++) {
                        z[start + j] = counts[j];
                    }
                }
                default -> {
                    for (int j = 0; j < len; j++) {
                        out.setLong(start + j, counts[j]);
                    }
                }
            }
        }

        /**
         * The exclusive bound on unsigned words that count as a success: {@code w * 2^-32 < p} exactly
         * when {@code w < ceil(p * 2^32)} (the scaling is exact), 2^32 for p = 1.
         */
        private static long limit(double p) {
            return (long) Math.ceil(p * 0x1.0p32);
        }

        /** 1 when the unsigned word is below {@code limit}, else 0, without a branch. */
        private static int success(int word, long limit) {
            return (int) (((word & 0xFFFFFFFFL) - limit) >>> 63);
        }
    }
}
