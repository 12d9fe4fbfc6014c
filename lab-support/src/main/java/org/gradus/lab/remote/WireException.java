package org.gradus.lab.remote;

/** A value that cannot be written, or bytes that do not read as a value; the message says which and why. */
public final class WireException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WireException(String message) {
        super(message);
    }
}
