package org.gradus.gpu;

/**
 * One-line summaries of JCuda's native-library errors, whose messages embed several nested stack
 * traces: the first line, plus the line naming the missing shared object when there is one.
 */
public final class NativeErrors {
    private static final java.util.regex.Pattern MISSING =
            java.util.regex.Pattern.compile("([\\w.+-]+\\.so(?:\\.\\d+)*): cannot open shared object file");

    private NativeErrors() {
    }

    /** For example {@code Error while loading native library "JCudaDriver-..." (libcuda.so.1: cannot open shared object file: ...)}. */
    public static String summary(Throwable e) {
        String message = e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        String first = message.lines().findFirst().orElse("").strip();
        java.util.regex.Matcher m = MISSING.matcher(message);
        if (!m.find()) {
            return first;
        }
        String missing = m.group(1) + ": cannot open shared object file";
        return first + " (" + missing + ")";
    }
}
