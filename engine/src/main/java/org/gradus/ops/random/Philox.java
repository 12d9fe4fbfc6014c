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
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
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
        private final int k0;
        private final int k1;
        private final long firstBlock;
        private final int[] buffer = new int[4];
        private long nextBlock;
        private int position = 4;

        /** A stream for a key packed as {@code k1 << 32 | k0}, starting at block {@code counter}. */
        public WordStream(long key, long counter) {
            this.k0 = (int) key;
            this.k1 = (int) (key >>> 32);
            this.firstBlock = counter;
            this.nextBlock = counter;
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
            if (words % 4 != 0 || words < 0) {
                throw new IllegalArgumentException("a fork starts at a whole block, got word " + words);
            }
            return new WordStream((long) k1 << 32 | (k0 & 0xFFFFFFFFL), firstBlock + words / 4);
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
