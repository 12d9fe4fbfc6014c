package org.gradus;

/** A gradient that cannot be built: a non-scalar cost, a disconnected input, or an op without a gradient. */
public class GradientException extends GradusException {
    private static final long serialVersionUID = 1L;

    public GradientException(String message) {
        super(message);
    }
}
