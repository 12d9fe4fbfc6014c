package org.gradus.ops.reduce;

/** The associative reductions that {@link Reduce} computes, with their identities. */
public enum ReduceKind {
    SUM(0.0),
    PROD(1.0),
    MAX(Double.NEGATIVE_INFINITY),
    MIN(Double.POSITIVE_INFINITY);

    private final double identity;

    ReduceKind(double identity) {
        this.identity = identity;
    }

    /** The value of the reduction over no elements. */
    public double identity() {
        return identity;
    }

    /** Combines an accumulator with one element; NaN propagates through max and min. */
    public double combine(double acc, double x) {
        switch (this) {
            case SUM:
                return acc + x;
            case PROD:
                return acc * x;
            case MAX:
                return (x > acc || x != x) ? x : acc;
            default:
                return (x < acc || x != x) ? x : acc;
        }
    }

    public String lowerName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
