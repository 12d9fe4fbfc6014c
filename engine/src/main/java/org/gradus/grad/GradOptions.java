package org.gradus.grad;

/**
 * Options of {@code T.grad}. {@link #DEFAULT} raises an error when the cost does not depend on a
 * requested variable; {@code DEFAULT.disconnectedInputs(DisconnectedInputs.ZERO)} returns zeros instead.
 */
public record GradOptions(DisconnectedInputs disconnectedInputs) {

    /** What {@code grad} does with a variable that the cost does not depend on. */
    public enum DisconnectedInputs {
        /** Throw a {@link org.gradus.GradientException} naming the variable (Theano's {@code 'raise'}). */
        RAISE,
        /** Return a zero gradient of the variable's shape (Theano's {@code 'ignore'}). */
        ZERO
    }

    public static final GradOptions DEFAULT = new GradOptions(DisconnectedInputs.RAISE);

    public GradOptions disconnectedInputs(DisconnectedInputs value) {
        return new GradOptions(value);
    }
}
