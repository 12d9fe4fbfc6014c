package org.gradus.ops.scalar;

/**
 * Fast, accurate elementary functions for the CPU kernels: {@code exp}, {@code expm1}, {@code log1p}
 * and the activations built on them ({@code sigmoid}, {@code tanh}, {@code softplus}).
 *
 * <p>Why not {@link Math}: in JDK 17, {@code Math.tanh}, {@code Math.expm1} and {@code Math.log1p}
 * are native fdlibm calls (about 25–30 ns each through JNI), and {@code Math.exp} is a call into a
 * stub that C2 cannot inline into a loop. These methods are plain Java arithmetic that C2 inlines
 * into the generated fused loops, so consecutive elements overlap in the pipeline.
 *
 * <p>{@link #exp} and {@link #expm1} use a table-driven reduction: {@code x = (32m + j) ln2/32 + r},
 * {@code |r| <= ln2/64}, so {@code exp(x) = 2^m * 2^(j/32) * exp(r)}, with {@code 2^(j/32)} stored as
 * a pair of doubles (correctly rounded value and its remainder) and {@code exp(r) - 1} a degree-6
 * polynomial (truncation below 4e-18). Measured against {@link Math} on millions of arguments:
 * {@code exp} within 1 ulp, {@code expm1}, {@code tanh}, {@code sigmoid} and {@code log1p} within 4; outside {@code |x| <= 708}, and for NaN, they return the
 * {@link Math} value. The interpreted ops and the generated loops call the same methods, so fused and
 * unfused graphs compute identical bits.
 */
public final class ScalarMath {
    private static final double SHIFTER = 0x1.8p52;
    private static final double INV_LN2_32 = 0x1.71547652b82fep+5;
    private static final double LN2_32_HI = 0x1.62e42fefa39efp-6;
    private static final double LN2_32_LO = 0x1.abc9e3b39803fp-61;
    /** The largest |x| handled by the table path (exp(-708) is still a normal double). */
    private static final double TABLE_LIMIT = 708.0;
    /** 2^(j/32), correctly rounded. */
    private static final double[] TWO_J_HI = {
            0x1.0000000000000p+0, 0x1.059b0d3158574p+0, 0x1.0b5586cf9890fp+0, 0x1.11301d0125b51p+0,
            0x1.172b83c7d517bp+0, 0x1.1d4873168b9aap+0, 0x1.2387a6e756238p+0, 0x1.29e9df51fdee1p+0,
            0x1.306fe0a31b715p+0, 0x1.371a7373aa9cbp+0, 0x1.3dea64c123422p+0, 0x1.44e086061892dp+0,
            0x1.4bfdad5362a27p+0, 0x1.5342b569d4f82p+0, 0x1.5ab07dd485429p+0, 0x1.6247eb03a5585p+0,
            0x1.6a09e667f3bcdp+0, 0x1.71f75e8ec5f74p+0, 0x1.7a11473eb0187p+0, 0x1.82589994cce13p+0,
            0x1.8ace5422aa0dbp+0, 0x1.93737b0cdc5e5p+0, 0x1.9c49182a3f090p+0, 0x1.a5503b23e255dp+0,
            0x1.ae89f995ad3adp+0, 0x1.b7f76f2fb5e47p+0, 0x1.c199bdd85529cp+0, 0x1.cb720dcef9069p+0,
            0x1.d5818dcfba487p+0, 0x1.dfc97337b9b5fp+0, 0x1.ea4afa2a490dap+0, 0x1.f50765b6e4540p+0
    };
    /** 2^(j/32) minus {@link #TWO_J_HI}, rounded. */
    private static final double[] TWO_J_LO = {
            0x0.0p+0, 0x1.d73e2a475b465p-55, 0x1.8a62e4adc610bp-54, -0x1.6c51039449b3ap-54, -0x1.19041b9d78a76p-55,
            0x1.e016e00a2643cp-54, 0x1.9b07eb6c70573p-54, 0x1.612e8afad1255p-55, 0x1.6f46ad23182e4p-55,
            -0x1.63aeabf42eae2p-54, 0x1.ada0911f09ebcp-55, 0x1.89b7a04ef80d0p-59, 0x1.d4397afec42e2p-56,
            -0x1.07abe1db13cadp-55, 0x1.6324c054647adp-54, -0x1.383c17e40b497p-54, -0x1.bdd3413b26456p-54,
            -0x1.16e4786887a99p-55, -0x1.41577ee04992fp-55, -0x1.d4c1dd41532d8p-54, 0x1.6e9f156864b27p-54,
            -0x1.75fc781b57ebcp-57, 0x1.c7c46b071f2bep-56, -0x1.d2f6edb8d41e1p-54, 0x1.7a1cd345dcc81p-54,
            -0x1.5584f7e54ac3bp-56, 0x1.11065895048ddp-55, 0x1.503cbd1e949dbp-56, 0x1.2ed02d75b3707p-55,
            -0x1.1a5cd4f184b5cp-54, -0x1.e9c23179c2893p-54, 0x1.9d3e12dd8a18bp-54
    };

    /** log(1 + j/32), correctly rounded, for j = 0..32. */
    private static final double[] LOG_C_HI = {
            0x0.0p+0, 0x1.f829b0e783300p-6, 0x1.f0a30c01162a6p-5, 0x1.6f0d28ae56b4cp-4, 0x1.e27076e2af2e6p-4,
            0x1.29552f81ff523p-3, 0x1.5ff3070a793d4p-3, 0x1.9525a9cf456b4p-3, 0x1.c8ff7c79a9a22p-3,
            0x1.fb9186d5e3e2bp-3, 0x1.1675cababa60ep-2, 0x1.2e8e2bae11d31p-2, 0x1.4618bc21c5ec2p-2,
            0x1.5d1bdbf5809cap-2, 0x1.739d7f6bbd007p-2, 0x1.89a3386c1425bp-2, 0x1.9f323ecbf984cp-2,
            0x1.b44f77bcc8f63p-2, 0x1.c8ff7c79a9a22p-2, 0x1.dd46a04c1c4a1p-2, 0x1.f128f5faf06edp-2,
            0x1.02552a5a5d0ffp-1, 0x1.0be72e4252a83p-1, 0x1.154c3d2f4d5eap-1, 0x1.1e85f5e7040d0p-1,
            0x1.2795e1289b11bp-1, 0x1.307d7334f10bep-1, 0x1.393e0d3562a1ap-1, 0x1.41d8fe84672aep-1,
            0x1.4a4f85db03ebbp-1, 0x1.52a2d265bc5abp-1, 0x1.5ad404c359f2dp-1, 0x1.62e42fefa39efp-1
    };
    /** log(1 + j/32) minus {@link #LOG_C_HI}, rounded. */
    private static final double[] LOG_C_LO = {
            0x0.0p+0, 0x1.33e3f04f1ef23p-60, 0x1.85f325c5bbacdp-59, -0x1.906d99184b992p-58, -0x1.61578001e0162p-60,
            0x1.301771c407dbfp-57, -0x1.bc60efafc6f6ep-58, 0x1.d904c1d4e2e26p-57, -0x1.4f689f8434012p-57,
            -0x1.caaae64f21acbp-57, 0x1.ce63eab883717p-61, -0x1.8f4cdb95ebdf9p-56, 0x1.f42decdeccf1dp-56,
            0x1.4236383dc7fe1p-56, -0x1.8c76ceb014b04p-56, -0x1.29639dfbbf0fbp-56, -0x1.a92e513217f5cp-59,
            -0x1.cd04495459c78p-56, -0x1.4f689f8434012p-56, -0x1.0467656d8b892p-56, -0x1.328df13bb38c3p-56,
            -0x1.cb1cb51408c00p-56, -0x1.259da11330801p-55, -0x1.59c33171a6876p-55, 0x1.ef62cd2f9f1e3p-56,
            -0x1.487c0c246978ep-57, 0x1.fb590a1f566dap-57, -0x1.58eef67f2483ap-55, 0x1.9192f30bd1806p-55,
            0x1.13dfa3d3761b6p-60, -0x1.1883750ea4d0ap-57, -0x1.35955683f7196p-59, 0x1.abc9e3b39803fp-56
    };
    /** 1 / (1 + j/32), rounded. */
    private static final double[] INV_C = {
            0x1.0000000000000p+0, 0x1.f07c1f07c1f08p-1, 0x1.e1e1e1e1e1e1ep-1, 0x1.d41d41d41d41dp-1,
            0x1.c71c71c71c71cp-1, 0x1.bacf914c1bad0p-1, 0x1.af286bca1af28p-1, 0x1.a41a41a41a41ap-1,
            0x1.999999999999ap-1, 0x1.8f9c18f9c18fap-1, 0x1.8618618618618p-1, 0x1.7d05f417d05f4p-1,
            0x1.745d1745d1746p-1, 0x1.6c16c16c16c17p-1, 0x1.642c8590b2164p-1, 0x1.5c9882b931057p-1,
            0x1.5555555555555p-1, 0x1.4e5e0a72f0539p-1, 0x1.47ae147ae147bp-1, 0x1.4141414141414p-1,
            0x1.3b13b13b13b14p-1, 0x1.3521cfb2b78c1p-1, 0x1.2f684bda12f68p-1, 0x1.29e4129e4129ep-1,
            0x1.2492492492492p-1, 0x1.1f7047dc11f70p-1, 0x1.1a7b9611a7b96p-1, 0x1.15b1e5f75270dp-1,
            0x1.1111111111111p-1, 0x1.0c9714fbcda3bp-1, 0x1.0842108421084p-1, 0x1.0410410410410p-1,
            0x1.0000000000000p-1
    };

    private ScalarMath() {
    }

    /** {@code e^x}, within one ulp. */
    public static double exp(double x) {
        if (!(Math.abs(x) <= TABLE_LIMIT)) {
            return Math.exp(x);
        }
        double shifted = x * INV_LN2_32 + SHIFTER;
        int k = (int) Double.doubleToRawLongBits(shifted);
        double kd = shifted - SHIFTER;
        double r = Math.fma(-kd, LN2_32_LO, Math.fma(-kd, LN2_32_HI, x));
        int j = k & 31;
        double hi = TWO_J_HI[j];
        double em1 = expm1Reduced(r);
        return (Math.fma(hi, em1, TWO_J_LO[j]) + hi) * twoTo(k >> 5);
    }

    /** {@code e^x - 1}, accurate also near 0 (a few ulp). */
    public static double expm1(double x) {
        if (!(Math.abs(x) <= TABLE_LIMIT) || x == 0) {
            return Math.expm1(x);   // also keeps the sign of a zero
        }
        double shifted = x * INV_LN2_32 + SHIFTER;
        int k = (int) Double.doubleToRawLongBits(shifted);
        double kd = shifted - SHIFTER;
        double r = Math.fma(-kd, LN2_32_LO, Math.fma(-kd, LN2_32_HI, x));
        double em1 = expm1Reduced(r);
        if (k == 0) {
            return em1;
        }
        double scale = twoTo(k >> 5);
        int j = k & 31;
        // scale * hi - 1 is exact for the small |x| where cancellation matters (scale * hi in [0.5, 4))
        return (scale * TWO_J_HI[j] - 1.0) + scale * Math.fma(TWO_J_HI[j], em1, TWO_J_LO[j]);
    }

    /** {@code e^r - 1} for {@code |r| <= ln2/64}: Taylor to degree 6, evaluated by Estrin's scheme. */
    private static double expm1Reduced(double r) {
        double r2 = r * r;
        double p = Math.fma(r2, Math.fma(r2, 1.0 / 720, Math.fma(r, 1.0 / 120, 1.0 / 24)), Math.fma(r, 1.0 / 6, 0.5));
        return Math.fma(r2, p, r);
    }

    /** 2^m for m in [-1022, 1023]. */
    private static double twoTo(int m) {
        return Double.longBitsToDouble((long) (m + 1023) << 52);
    }

    /**
     * {@code log(1 + y)}, accurate near 0 (a few ulp). For {@code y} in [0, 1] (softplus's range) a
     * table-driven reduction: {@code 1 + y = c (1 + f)} with {@code c = 1 + j/32} the nearest table
     * point, so {@code log1p(y) = log(c) + log1p(f)}, {@code |f| <= 1/64}, the second term a degree-10
     * series (truncation below 1e-19); the numerator of {@code f} is exact. Elsewhere Kahan's method:
     * the rounding of {@code 1 + y} is undone by the factor {@code y / ((1 + y) - 1)}.
     */
    public static double log1p(double y) {
        if (y > 0 && y <= 1) {
            // nearest j by the shifter trick: no float-int conversions (each would wait on its register)
            double shifted = y * 32 + SHIFTER;
            int j = (int) Double.doubleToRawLongBits(shifted);
            double f = (y - (shifted - SHIFTER) * 0x1p-5) * INV_C[j];
            // log1p(f) = f + f^2 P(f), P = -1/2 + f/3 - f^2/4 + ... - f^8/10, by Estrin's scheme (four
            // dependent steps instead of Horner's eight, so consecutive elements overlap in the pipeline)
            double f2 = f * f;
            double f4 = f2 * f2;
            double r0 = Math.fma(f2, Math.fma(f, 1.0 / 5, -1.0 / 4), Math.fma(f, 1.0 / 3, -0.5));
            double r1 = Math.fma(f2, Math.fma(f, 1.0 / 9, -1.0 / 8), Math.fma(f, 1.0 / 7, -1.0 / 6));
            double p = Math.fma(f4, Math.fma(f4, -1.0 / 10, r1), r0);
            return LOG_C_HI[j] + (LOG_C_LO[j] + Math.fma(f2, p, f));
        }
        double u = 1.0 + y;
        if (u == 1.0) {
            return y;
        }
        double d = u - 1.0;
        return u == Double.POSITIVE_INFINITY ? Math.log(u) : Math.log(u) * (y / d);
    }

    /** The logistic function {@code 1 / (1 + e^-x)}: accurate for all x (no cancellation), 0 below -745. */
    public static double sigmoid(double x) {
        return 1.0 / (1.0 + exp(-x));
    }

    /** {@code tanh(x) = -expm1(-2|x|) / (2 + expm1(-2|x|))} with the sign of x; ±1 beyond |x| = 22. */
    public static double tanh(double x) {
        double t = Math.abs(x);
        if (t > 22) {
            return Math.copySign(1.0, x);
        }
        double e = expm1(-2 * t);
        return Math.copySign(-e / (2.0 + e), x);
    }

    /** {@code log(1 + e^x)} without overflow: {@code max(x, 0) + log1p(e^-|x|)}. */
    public static double softplus(double x) {
        return (x > 0 ? x : 0.0) + softplusTail(x);
    }

    /** {@code log(1 + e^-|x|)}: what softplus adds to {@code max(x, 0)}, the same for x and -x. */
    public static double softplusTail(double x) {
        return log1p(exp(-Math.abs(x)));
    }
}
