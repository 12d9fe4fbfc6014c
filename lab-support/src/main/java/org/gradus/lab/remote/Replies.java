package org.gradus.lab.remote;

/** The first byte of a runner's reply: how the step ended. */
public final class Replies {
    private Replies() {
    }

    /** The step returned; its value and the changed shared values follow. */
    public static final byte RETURNED = 0;
    /** The step threw {@code NotDoneYet}; its message follows. */
    public static final byte NOT_DONE = 1;
    /** The step threw; the exception's class, message and the lab's stack frames follow. */
    public static final byte THREW = 2;
    /** The runner could not do what was asked (no such class or method, a value it cannot send); a message follows. */
    public static final byte FAILED = 3;
    /** The runner is ready; sent once at start-up with the Java version and whether a SecurityManager guards it. */
    public static final byte READY = 4;
}
