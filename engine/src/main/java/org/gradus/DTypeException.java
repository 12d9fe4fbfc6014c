package org.gradus;

/** A dtype that does not fit: an update that would change a shared variable's dtype, a float where an integer index is needed. */
public class DTypeException extends GradusException {
    private static final long serialVersionUID = 1L;

    public DTypeException(String message) {
        super(message);
    }
}
