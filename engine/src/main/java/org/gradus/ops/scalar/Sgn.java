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
     * {@link Math#signum(double)}, bit for bit, written so that the only branch (zero or NaN) is
     * predictable: the sign comes from the sign bit, so loops over mixed-sign data don't mispredict.
     */
    public static double signum(double x) {
        return x == 0 || x != x ? x
                : Double.longBitsToDouble((Double.doubleToRawLongBits(x) & 0x8000000000000000L) | 0x3ff0000000000000L);
    }

    /** {@link Math#signum(float)}, bit for bit, as {@link #signum(double)}. */
    public static float signum(float x) {
        return x == 0 || x != x ? x : Float.intBitsToFloat((Float.floatToRawIntBits(x) & 0x80000000) | 0x3f800000);
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
    public String cudaExpression(List<String> a) {
        return String.format("(double) ((%s > 0) - (%s < 0))", a.get(0), a.get(0));
    }
}
