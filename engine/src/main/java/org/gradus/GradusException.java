package org.gradus;

/**
 * The base of every error the engine reports about a user's graph or values. Messages name the
 * problem (shape, dtype, which node or variable) and where the user created the offending node.
 */
public class GradusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GradusException(String message) {
        super(message);
    }

    public GradusException(String message, Throwable cause) {
        super(message, cause);
    }
}
