package org.gradus.grading;

import java.util.Locale;

/** Formats points the way students read them: {@code 2}, {@code 1.5}, {@code 0.25}. */
final class Points {
    private Points() {
    }

    static String format(double points) {
        if (points == Math.rint(points)) {
            return Long.toString((long) points);
        }
        return String.format(Locale.ROOT, "%.2f", points).replaceAll("0+$", "");
    }
}
