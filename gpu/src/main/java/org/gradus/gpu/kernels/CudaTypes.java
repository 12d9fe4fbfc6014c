package org.gradus.gpu.kernels;

import org.gradus.ops.scalar.Cast;
import org.gradus.types.DType;

/** How dtypes and constants are written in generated CUDA C. */
public final class CudaTypes {
    private CudaTypes() {
    }

    /** The C type that stores one element of {@code dtype} ({@code bool} is one byte, as on the host). */
    public static String of(DType dtype) {
        return Cast.cudaType(dtype);
    }

    /**
     * An exact literal of {@code value} as {@code dtype}: hexadecimal floating point for finite
     * floats, bit-pattern intrinsics for infinities and NaN, plain integers otherwise.
     */
    public static String literal(double value, DType dtype) {
        String type = of(dtype);
        if (!dtype.isFloat()) {
            return "((" + type + ") " + (long) dtype.coerce(value) + "LL)";
        }
        if (Double.isNaN(value)) {
            return dtype == DType.FLOAT32 ? "__int_as_float(0x7fc00000)" : "__longlong_as_double(0x7ff8000000000000LL)";
        }
        if (Double.isInfinite(value)) {
            String sign = value > 0 ? "" : "-";
            return sign + (dtype == DType.FLOAT32 ? "__int_as_float(0x7f800000)" : "__longlong_as_double(0x7ff0000000000000LL)");
        }
        if (dtype == DType.FLOAT32) {
            return "((float) " + Float.toHexString((float) value) + "f)";
        }
        return "((double) " + Double.toHexString(value) + ")";
    }
}
