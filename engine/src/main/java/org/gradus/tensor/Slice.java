package org.gradus.tensor;

/**
 * A slice {@code start:stop:step} for {@link TensorVariable#get}. Each bound is {@code null}
 * (omitted), a Java integer, or a symbolic int scalar.
 */
public record Slice(Object start, Object stop, Object step) {
    /** The whole axis, NumPy's {@code :}. */
    public static final Slice ALL = new Slice(null, null, null);

    @Override
    public String toString() {
        return (start == null ? "" : start) + ":" + (stop == null ? "" : stop) + (step == null ? "" : ":" + step);
    }
}
