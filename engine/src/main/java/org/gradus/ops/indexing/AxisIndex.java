package org.gradus.ops.indexing;

/**
 * How one axis is indexed by a {@link Subtensor}: either a single point, which removes the axis, or
 * a slice {@code start:stop:step}, which keeps it. Each integer is a {@link Bound}: absent, a constant
 * stored here (so equal index patterns give equal ops), or read from the op's next extra input.
 */
public record AxisIndex(boolean point, Bound start, Bound stop, Bound step) {

    /** One integer of an index. */
    public record Bound(Kind kind, long constant) {
        /** Where the integer comes from. */
        public enum Kind { ABSENT, CONSTANT, INPUT }

        public static final Bound ABSENT = new Bound(Kind.ABSENT, 0);
        public static final Bound INPUT = new Bound(Kind.INPUT, 0);

        public static Bound of(long constant) {
            return new Bound(Kind.CONSTANT, constant);
        }

        @Override
        public String toString() {
            switch (kind) {
                case ABSENT:
                    return "";
                case INPUT:
                    return "?";
                default:
                    return Long.toString(constant);
            }
        }
    }

    /** The whole axis, {@code :}. */
    public static final AxisIndex ALL = slice(Bound.ABSENT, Bound.ABSENT, Bound.ABSENT);

    public AxisIndex {
        if (point && (stop.kind() != Bound.Kind.ABSENT || step.kind() != Bound.Kind.ABSENT)) {
            throw new IllegalArgumentException("a point index has no stop or step");
        }
        if (step.kind() == Bound.Kind.CONSTANT && step.constant() == 0) {
            throw new org.gradus.GradusException("slice step cannot be zero");
        }
    }

    public static AxisIndex point(Bound index) {
        return new AxisIndex(true, index, Bound.ABSENT, Bound.ABSENT);
    }

    public static AxisIndex slice(Bound start, Bound stop, Bound step) {
        return new AxisIndex(false, start, stop, step);
    }

    /** How many extra (symbolic) inputs this index reads. */
    int inputCount() {
        return (start.kind() == Bound.Kind.INPUT ? 1 : 0) + (stop.kind() == Bound.Kind.INPUT ? 1 : 0)
                + (step.kind() == Bound.Kind.INPUT ? 1 : 0);
    }

    /** E.g. {@code 2}, {@code ?}, {@code 1:}, {@code ::-1}, {@code ?:3}. */
    @Override
    public String toString() {
        if (point) {
            return start.toString();
        }
        String s = start + ":" + stop;
        return step.kind() == Bound.Kind.ABSENT ? s : s + ":" + step;
    }
}
