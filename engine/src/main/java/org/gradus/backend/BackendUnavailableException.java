package org.gradus.backend;

import org.gradus.GradusException;

/** Thrown in strict mode ({@code GRADUS_FLAGS=strict=true}) when the requested device cannot be used. */
public class BackendUnavailableException extends GradusException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }
}
