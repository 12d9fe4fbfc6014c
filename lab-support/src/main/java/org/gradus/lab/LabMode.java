package org.gradus.lab;

import java.util.Locale;

/**
 * How much of a long lab to run: {@link #FULL} is the lesson's reference run (the default), and
 * {@link #QUICK} is a small version of the same run for CI and grading, done in seconds. A lab's
 * {@code main} takes the mode as an argument ({@code quick} or {@code full}) or from the system
 * property {@value #PROPERTY}.
 */
public enum LabMode {
    /** A small subset and few epochs: the same code, seconds instead of minutes. */
    QUICK,
    /** The lesson's reference run. */
    FULL;

    /** The system property that chooses the mode when no argument does: {@code quick} or {@code full}. */
    public static final String PROPERTY = "gradus.lab.mode";

    /** The mode named among {@code args}, else the one of the system property, else {@link #FULL}. */
    public static LabMode from(String... args) {
        for (String arg : args) {
            LabMode named = parseOrNull(arg);
            if (named != null) {
                return named;
            }
        }
        String property = System.getProperty(PROPERTY);
        if (property == null || property.isBlank()) {
            return FULL;
        }
        LabMode fromProperty = parseOrNull(property);
        if (fromProperty == null) {
            throw new IllegalArgumentException(PROPERTY + " must be quick or full, not '" + property + "'");
        }
        return fromProperty;
    }

    private static LabMode parseOrNull(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return t.equals("quick") ? QUICK : t.equals("full") ? FULL : null;
    }

    /** The mode's name as written in file names and cards: {@code quick} or {@code full}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
