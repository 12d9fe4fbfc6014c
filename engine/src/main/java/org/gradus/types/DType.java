package org.gradus.types;

import java.util.Locale;

/**
 * The element types a tensor can hold, with NumPy's names and upcasting rules.
 *
 * <p>{@link #upcast(DType, DType)} answers "what dtype holds both": bool &lt; uint8 &lt; int32 &lt;
 * int64 &lt; float32 &lt; float64, except that mixing an integer wider than 16 bits with float32 gives
 * float64, as in NumPy and Theano.
 */
public enum DType {
    BOOL("bool", 1, Kind.BOOL),
    UINT8("uint8", 1, Kind.INTEGER),
    INT32("int32", 4, Kind.INTEGER),
    INT64("int64", 8, Kind.INTEGER),
    FLOAT32("float32", 4, Kind.FLOAT),
    FLOAT64("float64", 8, Kind.FLOAT);

    /** The broad family of a dtype, used for upcasting and for checks like "needs a float". */
    public enum Kind { BOOL, INTEGER, FLOAT }

    private final String numpyName;
    private final int byteSize;
    private final Kind kind;

    DType(String numpyName, int byteSize, Kind kind) {
        this.numpyName = numpyName;
        this.byteSize = byteSize;
        this.kind = kind;
    }

    /** NumPy's name of this dtype, e.g. {@code "float32"}. */
    public String numpyName() {
        return numpyName;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isFloat() {
        return kind == Kind.FLOAT;
    }

    public boolean isInteger() {
        return kind == Kind.INTEGER;
    }

    public boolean isBool() {
        return kind == Kind.BOOL;
    }

    /** The smallest dtype that can represent values of both {@code a} and {@code b}. */
    public static DType upcast(DType a, DType b) {
        if (a == b) {
            return a;
        }
        DType wide = a.ordinal() > b.ordinal() ? a : b;
        DType narrow = wide == a ? b : a;
        if (wide == FLOAT32 && (narrow == INT32 || narrow == INT64)) {
            return FLOAT64;
        }
        return wide;
    }

    /** Parses a NumPy-style name ("float32", "int64", "bool", "uint8"); the error lists valid names. */
    public static DType of(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (DType d : values()) {
            if (d.numpyName.equals(wanted)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dtype '" + name
                + "'; valid dtypes are bool, uint8, int32, int64, float32, float64");
    }

    /** Converts a double to the value this dtype stores (truncation toward zero for integers). */
    public double coerce(double v) {
        switch (this) {
            case BOOL:
                return v != 0 ? 1 : 0;
            case UINT8:
                return (double) (((long) v) & 0xFF);
            case INT32:
                return (double) (int) (long) v;
            case INT64:
                return (double) (long) v;
            case FLOAT32:
                return (double) (float) v;
            default:
                return v;
        }
    }

    @Override
    public String toString() {
        return numpyName;
    }
}
