package org.gradus.ops.scalar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vectorizable {@link Sgn#signum} matches {@link Math#signum} bit for bit. */
class SgnTest {
    private static final double[] SPECIAL = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -3.5, 1e-300, 1.0, -1.0};

    @Test
    void doubleSignumMatchesMathSignumBitForBit() {
        Random r = new Random(5);
        for (int i = 0; i < SPECIAL.length + 1000; i++) {
            double x = i < SPECIAL.length ? SPECIAL[i] : r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20);
            assertThat(Double.doubleToRawLongBits(Sgn.signum(x))).as("signum(%s)", x)
                    .isEqualTo(Double.doubleToRawLongBits(Math.signum(x)));
        }
    }

    @Test
    void floatSignumMatchesMathSignumBitForBit() {
        Random r = new Random(6);
        for (int i = 0; i < SPECIAL.length + 1000; i++) {
            float x = i < SPECIAL.length ? (float) SPECIAL[i] : (float) (r.nextGaussian() * Math.pow(10, r.nextInt(20) - 10));
            assertThat(Float.floatToRawIntBits(Sgn.signum(x))).as("signum(%s)", x)
                    .isEqualTo(Float.floatToRawIntBits(Math.signum(x)));
        }
        assertThat(Sgn.signum(Float.MIN_VALUE)).isEqualTo(1.0f);
        assertThat(Float.floatToRawIntBits(Sgn.signum(-0.0f))).isEqualTo(Float.floatToRawIntBits(-0.0f));
    }
}
