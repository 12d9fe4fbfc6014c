package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** Sign: -1, 0 or 1 (0 for both zeros, NaN for NaN). */
public record Sgn() implements UnaryScalarOp {
    @Override
    public String name() {
        return "sgn";
    }

    @Override
    public double apply(double x) {
        return signum(x);
    }

    /**
     * {@link Math#signum(double)}, bit for bit, from arithmetic and min/max only, so that C2 vectorizes
     * loops that use it: any nonzero x times 2^2046 overflows to ±infinity (even the smallest
     * subnormal exceeds 1), which the clamp to [-1, 1] turns into ±1; ±0 and NaN pass unchanged.
     */
    public static double signum(double x) {
        return Math.min(Math.max((x * 0x1p1023) * 0x1p1023, -1.0), 1.0);
    }

    /** {@link Math#signum(float)}, bit for bit, as {@link #signum(double)} (2^254 for floats). */
    public static float signum(float x) {
        return Math.min(Math.max((x * 0x1p127f) * 0x1p127f, -1f), 1f);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        return java.util.Collections.singletonList(null);
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("org.gradus.ops.scalar.Sgn.signum(%s)", a.get(0));
    }

    @Override
    public String vectorExpression(List<String> a) {
        // x itself where it is NaN or a zero of either sign, as Math.signum
        String vo = "jdk.incubator.vector.VectorOperators";
        return String.format("%1$s.blend(%1$s.broadcast(1), %1$s.compare(%2$s.GT, 0))"
                + ".blend(%1$s.broadcast(-1), %1$s.compare(%2$s.LT, 0))", a.get(0), vo);
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("(double) ((%s > 0) - (%s < 0))", a.get(0), a.get(0));
    }
}
