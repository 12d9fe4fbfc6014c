package org.gradus.gpu;

/**
 * One-line summaries of JCuda's native-library errors, whose messages embed several nested stack
 * traces: the first line, plus the line naming the missing shared object when there is one.
 */
public final class NativeErrors {
    private NativeErrors() {
    }

    /** For example {@code Error while loading native library "JCudaDriver-..." (libcuda.so.1: cannot open shared object file: ...)}. */
    public static String summary(Throwable e) {
        String message = e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        String first = message.lines().findFirst().orElse("").strip();
        String cause = message.lines().map(String::strip).filter(l -> l.contains("cannot open shared object file"))
                .findFirst().orElse(null);
        if (cause == null) {
            return first;
        }
        int colon = cause.lastIndexOf(": ", cause.indexOf("cannot open shared object file") - 2);
        String missing = colon >= 0 ? cause.substring(colon + 2) : cause;
        return first + " (" + missing + ")";
    }
}
