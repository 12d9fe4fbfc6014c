package org.gradus.graph;

import java.security.CodeSource;
import java.util.Optional;

/**
 * Where in the user's code a variable or node was created: the first stack frame outside the
 * engine. Error messages quote it so that a failure at run time points at the student's line, not
 * at the engine.
 */
public record SourceSite(String className, String methodName, String fileName, int lineNumber) {

    /** Used when no user frame exists (for example a node built entirely by the engine). */
    public static final SourceSite UNKNOWN = new SourceSite("?", "?", null, -1);

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final CodeSource ENGINE = codeSourceOf(SourceSite.class);
    private static final ClassValue<Boolean> IS_ENGINE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            String n = type.getName();
            if (n.startsWith("java.") || n.startsWith("jdk.") || n.startsWith("sun.")
                    || n.startsWith("org.gradus.gpu.")) {
                return true;
            }
            CodeSource cs = codeSourceOf(type);
            return ENGINE != null && cs != null && ENGINE.getLocation() != null
                    && ENGINE.getLocation().equals(cs.getLocation());
        }
    };

    private static CodeSource codeSourceOf(Class<?> type) {
        try {
            return type.getProtectionDomain().getCodeSource();
        } catch (SecurityException e) {
            return null;
        }
    }

    /** The innermost frame of the current stack that belongs to user code. */
    public static SourceSite capture() {
        Optional<StackWalker.StackFrame> frame = WALKER.walk(s -> s
                .filter(f -> !IS_ENGINE.get(f.getDeclaringClass()))
                .findFirst());
        return frame.map(f -> new SourceSite(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber()))
                .orElse(UNKNOWN);
    }

    /** E.g. {@code LogisticLab.java:42 (LogisticLab.gradient)}. */
    @Override
    public String toString() {
        if (this == UNKNOWN || lineNumber < 0) {
            return "an unknown place";
        }
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return (fileName == null ? simple : fileName) + ":" + lineNumber + " (" + simple + "." + methodName + ")";
    }
}
