package org.gradus.ops.elemwise;

import org.gradus.ops.scalar.Abs;
import org.gradus.ops.scalar.Add;
import org.gradus.ops.scalar.Mul;
import org.gradus.ops.scalar.Neg;
import org.gradus.ops.scalar.ScalarOp;
import org.gradus.ops.scalar.Sqr;
import org.gradus.ops.scalar.Sub;
import org.gradus.ops.scalar.TrueDiv;
import org.gradus.tensor.NDArray;
import org.gradus.types.DType;

/**
 * Direct loops for the commonest elementwise ops (+, −, ×, ÷, negation, |x|, x²) when operands and
 * output share one float dtype: written out per op so that C2 compiles each into SIMD instructions,
 * instead of calling the scalar op once per element. In float32 the result is bit-identical to
 * computing in double and rounding, because one double operation on two floats rounds exactly.
 * Anything else returns {@code false} and goes through {@link ElemwiseKernel}'s general loop.
 */
final class ArithmeticLoops {
    private ArithmeticLoops() {
    }

    /**
     * Computes {@code length} output elements from {@code outStart}; operand i starts at
     * {@code starts[i]} with stride {@code strides[i]} (0 or 1). Returns false when not applicable.
     */
    static boolean tryRun(ScalarOp op, NDArray[] in, int[] strides, int[] starts, NDArray out, int outStart,
                          int length) {
        DType d = out.dtype();
        if (d != DType.FLOAT32 && d != DType.FLOAT64) {
            return false;
        }
        for (NDArray a : in) {
            if (a.dtype() != d) {
                return false;
            }
        }
        if (in.length == 1 && (op instanceof Neg || op instanceof Abs || op instanceof Sqr)) {
            if (strides[0] == 0) {
                return false;
            }
            if (d == DType.FLOAT64) {
                unary64(op, in[0].float64Data(), starts[0], out.float64Data(), outStart, length);
            } else {
                unary32(op, in[0].float32Data(), starts[0], out.float32Data(), outStart, length);
            }
            return true;
        }
        if (in.length == 2 && (op instanceof Add || op instanceof Sub || op instanceof Mul || op instanceof TrueDiv)) {
            if (strides[0] == 0 && strides[1] == 0) {
                return false;
            }
            int code = op instanceof Add ? 0 : op instanceof Sub ? 1 : op instanceof Mul ? 2 : 3;
            if (d == DType.FLOAT64) {
                binary64(code, in[0].float64Data(), starts[0], strides[0], in[1].float64Data(), starts[1], strides[1],
                        out.float64Data(), outStart, length);
            } else {
                binary32(code, in[0].float32Data(), starts[0], strides[0], in[1].float32Data(), starts[1], strides[1],
                        out.float32Data(), outStart, length);
            }
            return true;
        }
        return false;
    }

    private static void unary64(ScalarOp op, double[] x, int xo, double[] z, int zo, int n) {
        if (op instanceof Neg) {
            for (int i = 0; i < n; i++) {
                z[zo + i] = -x[xo + i];
            }
        } else if (op instanceof Abs) {
            for (int i = 0; i < n; i++) {
                z[zo + i] = Math.abs(x[xo + i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                z[zo + i] = x[xo + i] * x[xo + i];
            }
        }
    }

    private static void unary32(ScalarOp op, float[] x, int xo, float[] z, int zo, int n) {
        if (op instanceof Neg) {
            for (int i = 0; i < n; i++) {
                z[zo + i] = -x[xo + i];
            }
        } else if (op instanceof Abs) {
            for (int i = 0; i < n; i++) {
                z[zo + i] = Math.abs(x[xo + i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                z[zo + i] = x[xo + i] * x[xo + i];
            }
        }
    }

    /** Binary op {@code code} (0 +, 1 −, 2 ×, 3 ÷); an operand of stride 0 is read once as a scalar. */
    private static void binary64(int code, double[] x, int xo, int xs, double[] y, int yo, int ys, double[] z, int zo,
                                 int n) {
        if (xs == 1 && ys == 1) {
            switch (code) {
                case 0: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] + y[yo + i]; } break;
                case 1: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] - y[yo + i]; } break;
                case 2: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] * y[yo + i]; } break;
                default: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] / y[yo + i]; } break;
            }
        } else if (ys == 0) {
            double c = y[yo];
            switch (code) {
                case 0: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] + c; } break;
                case 1: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] - c; } break;
                case 2: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] * c; } break;
                default: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] / c; } break;
            }
        } else {
            double c = x[xo];
            switch (code) {
                case 0: for (int i = 0; i < n; i++) { z[zo + i] = c + y[yo + i]; } break;
                case 1: for (int i = 0; i < n; i++) { z[zo + i] = c - y[yo + i]; } break;
                case 2: for (int i = 0; i < n; i++) { z[zo + i] = c * y[yo + i]; } break;
                default: for (int i = 0; i < n; i++) { z[zo + i] = c / y[yo + i]; } break;
            }
        }
    }

    /** The float32 form of {@link #binary64}. */
    private static void binary32(int code, float[] x, int xo, int xs, float[] y, int yo, int ys, float[] z, int zo,
                                 int n) {
        if (xs == 1 && ys == 1) {
            switch (code) {
                case 0: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] + y[yo + i]; } break;
                case 1: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] - y[yo + i]; } break;
                case 2: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] * y[yo + i]; } break;
                default: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] / y[yo + i]; } break;
            }
        } else if (ys == 0) {
            float c = y[yo];
            switch (code) {
                case 0: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] + c; } break;
                case 1: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] - c; } break;
                case 2: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] * c; } break;
                default: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] / c; } break;
            }
        } else {
            float c = x[xo];
            switch (code) {
                case 0: for (int i = 0; i < n; i++) { z[zo + i] = c + y[yo + i]; } break;
                case 1: for (int i = 0; i < n; i++) { z[zo + i] = c - y[yo + i]; } break;
                case 2: for (int i = 0; i < n; i++) { z[zo + i] = c * y[yo + i]; } break;
                default: for (int i = 0; i < n; i++) { z[zo + i] = c / y[yo + i]; } break;
            }
        }
    }
}
