package org.gradus.ops.random;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Philox4x32-10 against Random123's known-answer vectors, and the documented conversions. */
class PhiloxTest {

    private static int[] words(long... values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (int) values[i];
        }
        return out;
    }

    @Test
    void zeroCounterAndKeyMatchRandom123() {
        assertThat(Philox.block(words(0, 0, 0, 0), words(0, 0)))
                .containsExactly(words(0x6627e8d5L, 0xe169c58dL, 0xbc57ac4cL, 0x9b00dbd8L));
    }

    @Test
    void allOnesCounterAndKeyMatchRandom123() {
        long f = 0xffffffffL;
        assertThat(Philox.block(words(f, f, f, f), words(f, f)))
                .containsExactly(words(0x408f276dL, 0x41c83b0eL, 0xa20bc7c6L, 0x6d5451fdL));
    }

    @Test
    void piDigitsCounterAndKeyMatchRandom123() {
        assertThat(Philox.block(words(0x243f6a88L, 0x85a308d3L, 0x13198a2eL, 0x03707344L),
                words(0xa4093822L, 0x299f31d0L)))
                .containsExactly(words(0xd16cfe09L, 0x94fdccebL, 0x5001e420L, 0x24126ea1L));
    }

    @Test
    void doubleConversionUses53BitsWithTheFirstWordHigh() {
        assertThat(Philox.toDouble(0, 0)).isEqualTo(0.0);
        assertThat(Philox.toDouble(-1, -1)).isEqualTo(1.0 - 0x1.0p-53);
        assertThat(Philox.toDouble(0x80000000, 0)).isEqualTo(0.5);
        // the lowest 11 bits of the second word are dropped
        assertThat(Philox.toDouble(0, 0x800)).isEqualTo(0x1.0p-53);
        assertThat(Philox.toDouble(0, 0x7ff)).isEqualTo(0.0);
    }

    @Test
    void floatConversionUsesTheTop24Bits() {
        assertThat(Philox.toFloat(0)).isEqualTo(0.0f);
        assertThat(Philox.toFloat(-1)).isEqualTo(1.0f - 0x1.0p-24f);
        assertThat(Philox.toFloat(0x40000000)).isEqualTo(0.25f);
        assertThat(Philox.toFloat(0xff)).isEqualTo(0.0f);
    }

    @Test
    void wordStreamReadsConsecutiveBlocksInOrder() {
        long key = 0x0123456789abcdefL;
        Philox.WordStream stream = new Philox.WordStream(key, 0xfffffffeL);
        int[] first = Philox.block(words(0xfffffffeL, 0, 0, 0), words(0x89abcdefL, 0x01234567L));
        // the counter's low word wraps into its high word
        int[] second = Philox.block(words(0xffffffffL, 0, 0, 0), words(0x89abcdefL, 0x01234567L));
        int[] third = Philox.block(words(0, 1, 0, 0), words(0x89abcdefL, 0x01234567L));
        int[] read = new int[9];
        for (int i = 0; i < read.length; i++) {
            read[i] = stream.nextWord();
        }
        assertThat(read).containsExactly(first[0], first[1], first[2], first[3],
                second[0], second[1], second[2], second[3], third[0]);
        assertThat(stream.blocksUsed()).isEqualTo(3);
    }

    @Test
    void bulkWordsEqualWordByWordReadsFromAnyPosition() {
        long key = 0x0badc0ffee15600dL;
        Philox.WordStream single = new Philox.WordStream(key, 0xfffffff0L);
        Philox.WordStream bulk = new Philox.WordStream(key, 0xfffffff0L);
        int[] expected = new int[103];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = single.nextWord();
        }
        // reads of 1, 6, 3, 0, 90 and 3 words start inside, at the end of and at the start of a block; the
        // batch of whole blocks crosses the counter's wrap from its low word into its high word
        int[] got = new int[expected.length + 2];
        int at = 2;
        for (int count : new int[] {1, 6, 3, 0, 90, 3}) {
            bulk.nextWords(got, at, count);
            at += count;
        }
        assertThat(java.util.Arrays.copyOfRange(got, 2, got.length)).containsExactly(expected);
        assertThat(bulk.blocksUsed()).isEqualTo(single.blocksUsed());
        assertThat(bulk.nextWord()).isEqualTo(single.nextWord());
    }

    @Test
    void streamKeyIsTheFirstTwoWordsOfTheSeedKeyedBlock() {
        long seed = 0x1122334455667788L;
        int[] out = Philox.block(words(7, 0, 0, 0), words(0x55667788L, 0x11223344L));
        long expected = ((out[1] & 0xffffffffL) << 32) | (out[0] & 0xffffffffL);
        assertThat(Philox.streamKey(seed, 7)).isEqualTo(expected);
        assertThat(Philox.streamKey(seed, 8)).isNotEqualTo(expected);
    }
}
