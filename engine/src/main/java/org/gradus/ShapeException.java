package org.gradus;

/** Shapes that do not fit together: a {@code dot} of misaligned matrices, broadcasting of unequal lengths, a bad reshape. */
public class ShapeException extends GradusException {
    private static final long serialVersionUID = 1L;

    public ShapeException(String message) {
        super(message);
    }
}
