package org.gradus.grading;

/** Thrown into student code that calls {@code System.exit} or {@code Runtime.halt} while grading runs. */
public final class ExitAttempted extends SecurityException {
    private static final long serialVersionUID = 1L;
    private final int status;

    ExitAttempted(int status) {
        super("System.exit(" + status + ") was blocked: grading is running");
        this.status = status;
    }

    /** The exit status the code asked for. */
    public int status() {
        return status;
    }
}
