package org.gradus.gpu.compiler;

import org.gradus.GradusException;

/** A generated kernel did not compile, or no kernel compiler could be found; the message holds the log. */
public class KernelCompilationException extends GradusException {
    private static final long serialVersionUID = 1L;

    public KernelCompilationException(String message) {
        super(message);
    }

    public KernelCompilationException(String message, Throwable cause) {
        super(message, cause);
    }
}
