package org.gradus.ops.random;

/**
 * Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw, "Parallel random
 * numbers: as easy as 1, 2, 3" (SC 2011), bit-identical to Random123's {@code philox4x32_10} and
 * cuRAND's Philox: a pure function of a key (two 32-bit words) and a counter (four 32-bit words)
 * giving four 32-bit words.
 *
 * <p>One round maps the counter {@code (c0, c1, c2, c3)} with key {@code (k0, k1)} to
 * {@code (hi(M1*c2) ^ c1 ^ k0, lo(M1*c2), hi(M0*c0) ^ c3 ^ k1, lo(M0*c0))}, where {@code hi}/{@code lo}
 * are the upper/lower halves of the 64-bit unsigned product, {@code M0 = 0xD2511F53} and
 * {@code M1 = 0xCD9E8D57}. Ten rounds are applied; between rounds the key is bumped by the Weyl
 * constants {@code (0x9E3779B9, 0xBB67AE85)} modulo 2^32.
 *
 * <p>Conversions to uniform numbers (exact, never 1.0):
 * <ul>
 *   <li>{@link #toDouble}: words {@code a, b} give {@code ((a << 32 | b) >>> 11) * 2^-53} (53 bits,
 *       {@code a} the high word) in [0, 1 - 2^-53];</li>
 *   <li>{@link #toFloat}: word {@code a} gives {@code (a >>> 8) * 2^-24} (24 bits) in [0, 1 - 2^-24].</li>
 * </ul>
 * Words are always read as unsigned 32-bit integers.
 */
public final class Philox {
    static final int M0 = 0xD2511F53;
    static final int M1 = 0xCD9E8D57;
    static final int W0 = 0x9E3779B9;
    static final int W1 = 0xBB67AE85;
    static final int ROUNDS = 10;

    /** Blocks computed together by {@link WordStream#nextWords}. */
    private static final int BATCH = 256;
    /** Per thread: the four counter words of a batch of blocks, one array per word. */
    private static final ThreadLocal<long[][]> LANES = ThreadLocal.withInitial(() -> new long[4][BATCH]);

    private static final double TWO_POW_MINUS_53 = 0x1.0p-53;
    private static final float TWO_POW_MINUS_24 = 0x1.0p-24f;

    private Philox() {
    }

    /** The four output words for {@code counter} (four words) and {@code key} (two words). */
    public static int[] block(int[] counter, int[] key) {
        if (counter.length != 4 || key.length != 2) {
            throw new IllegalArgumentException("Philox4x32 needs a counter of 4 words and a key of 2 words, got "
                    + counter.length + " and " + key.length);
        }
        int[] out = new int[4];
        block(counter[0], counter[1], counter[2], counter[3], key[0], key[1], out);
        return out;
    }

    /** Writes the four output words for counter {@code (c0..c3)} and key {@code (k0, k1)} into {@code out}. */
    public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
        block(c0, c1, c2, c3, k0, k1, out, 0);
    }

    /** Writes the four output words into {@code out[at..at+3]}. */
    private static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out, int at) {
        for (int r = 0; r < ROUNDS; r++) {
            if (r > 0) {
                k0 += W0;
                k1 += W1;
            }
            long p0 = (c0 & 0xFFFFFFFFL) * (M0 & 0xFFFFFFFFL);
            long p1 = (c2 & 0xFFFFFFFFL) * (M1 & 0xFFFFFFFFL);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n1 = (int) p1;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            int n3 = (int) p0;
            c0 = n0;
            c1 = n1;
            c2 = n2;
            c3 = n3;
        }
        out[at] = c0;
        out[at + 1] = c1;
        out[at + 2] = c2;
        out[at + 3] = c3;
    }

    /**
     * Writes the words of {@code count} (at most {@link #BATCH}) consecutive blocks from counter
     * {@code first} into {@code out[at..at + 4 count)}: the same words as {@link #block}, computed a
     * round at a time over all the blocks (structure of arrays) so that the rounds of different blocks
     * overlap instead of waiting on each other's multiplications — about twice as fast.
     */
    private static void blocks(long first, int count, int k0, int k1, int[] out, int at) {
        long[][] lanes = LANES.get();
        long[] c0 = lanes[0];
        long[] c1 = lanes[1];
        long[] c2 = lanes[2];
        long[] c3 = lanes[3];
        for (int i = 0; i < count; i++) {
            long b = first + i;
            c0[i] = b & 0xFFFFFFFFL;
            c1[i] = b >>> 32;
            c2[i] = 0;
            c3[i] = 0;
        }
        for (int r = 0; r < ROUNDS; r++) {
            long key0 = k0 & 0xFFFFFFFFL;
            long key1 = k1 & 0xFFFFFFFFL;
            for (int i = 0; i < count; i++) {
                long p0 = c0[i] * (M0 & 0xFFFFFFFFL);
                long p1 = c2[i] * (M1 & 0xFFFFFFFFL);
                long n0 = (p1 >>> 32) ^ c1[i] ^ key0;
                long n2 = (p0 >>> 32) ^ c3[i] ^ key1;
                c1[i] = p1 & 0xFFFFFFFFL;
                c3[i] = p0 & 0xFFFFFFFFL;
                c0[i] = n0;
                c2[i] = n2;
            }
            k0 += W0;
            k1 += W1;
        }
        for (int i = 0, o = at; i < count; i++, o += 4) {
            out[o] = (int) c0[i];
            out[o + 1] = (int) c1[i];
            out[o + 2] = (int) c2[i];
            out[o + 3] = (int) c3[i];
        }
    }

    /** A uniform double in [0, 1) from 53 bits of two words, {@code high} giving the top 32 bits. */
    public static double toDouble(int high, int low) {
        long bits = ((high & 0xFFFFFFFFL) << 32) | (low & 0xFFFFFFFFL);
        return (bits >>> 11) * TWO_POW_MINUS_53;
    }

    /** A uniform float in [0, 1) from the top 24 bits of one word. */
    public static float toFloat(int word) {
        return (word >>> 8) * TWO_POW_MINUS_24;
    }

    /**
     * The key of stream {@code index} of a {@link RandomStreams} seeded with {@code seed}: the first
     * two output words of Philox with key {@code (lo(seed), hi(seed))} and counter
     * {@code (lo(index), hi(index), 0, 0)}, packed as {@code word1 << 32 | word0}.
     */
    public static long streamKey(long seed, long index) {
        int[] out = new int[4];
        block((int) index, (int) (index >>> 32), 0, 0, (int) seed, (int) (seed >>> 32), out);
        return ((long) out[1] << 32) | (out[0] & 0xFFFFFFFFL);
    }

    /**
     * Reads 32-bit words in order from consecutive blocks of one key: block {@code b} (starting at the
     * given counter) has counter words {@code (lo(b), hi(b), 0, 0)}, and its four output words are read
     * in the order 0, 1, 2, 3.
     */
    public static final class WordStream {
        private final int[] buffer = new int[4];
        private int k0;
        private int k1;
        private long firstBlock;
        private long nextBlock;
        private int position = 4;

        /** A stream for a key packed as {@code k1 << 32 | k0}, starting at block {@code counter}. */
        public WordStream(long key, long counter) {
            reset(key, counter);
        }

        /** Makes this a fresh stream for another key and counter, as the constructor does (streams are reused per thread). */
        public void reset(long key, long counter) {
            this.k0 = (int) key;
            this.k1 = (int) (key >>> 32);
            this.firstBlock = counter;
            this.nextBlock = counter;
            this.position = 4;
        }

        /** The next word. */
        public int nextWord() {
            if (position == 4) {
                block((int) nextBlock, (int) (nextBlock >>> 32), 0, 0, k0, k1, buffer);
                nextBlock++;
                position = 0;
            }
            return buffer[position++];
        }

        /**
         * Writes the next {@code count} words into {@code dst[from, from + count)}, the same words as
         * {@code count} calls of {@link #nextWord()}; whole blocks go straight into {@code dst}.
         */
        public void nextWords(int[] dst, int from, int count) {
            int i = from;
            int end = from + count;
            while (position < 4 && i < end) {
                dst[i++] = buffer[position++];
            }
            while (end - i >= 4) {
                int batch = Math.min(BATCH, (end - i) / 4);
                blocks(nextBlock, batch, k0, k1, dst, i);
                nextBlock += batch;
                i += 4 * batch;
            }
            while (i < end) {
                dst[i++] = nextWord();
            }
        }

        /** A uniform double in [0, 1) from the next two words. */
        public double nextDouble() {
            int high = nextWord();
            return toDouble(high, nextWord());
        }

        /** A uniform float in [0, 1) from the next word. */
        public float nextFloat() {
            return toFloat(nextWord());
        }

        /**
         * A stream that starts {@code words} words (a multiple of four, counted from this stream's
         * start) into this one, for reading a range of a draw on another thread; this stream does not move.
         */
        public WordStream fork(long words) {
            WordStream fork = new WordStream(0, 0);
            forkInto(fork, words);
            return fork;
        }

        /** {@link #fork} into an existing stream, which is reset. */
        public void forkInto(WordStream target, long words) {
            if (words % 4 != 0 || words < 0) {
                throw new IllegalArgumentException("a fork starts at a whole block, got word " + words);
            }
            target.reset((long) k1 << 32 | (k0 & 0xFFFFFFFFL), firstBlock + words / 4);
        }

        /** Moves a fresh stream past its first {@code words} words, exactly as reading them one by one would. */
        public void skip(long words) {
            if (nextBlock != firstBlock || position != 4) {
                throw new IllegalStateException("skip works on a stream that has not been read yet");
            }
            nextBlock = firstBlock + words / 4;
            if (words % 4 != 0) {
                nextWord();
                position = (int) (words % 4);
            }
        }

        /** The number of blocks generated so far, including a partly read last block. */
        public long blocksUsed() {
            return nextBlock - firstBlock;
        }
    }
}
