package org.gradus.grading;

import java.util.ArrayList;
import java.util.List;

/**
 * Soft checks inside one graded test: each independent check earns its own points, and a failed check
 * does not stop the next one. Declare it as a parameter of a {@link Graded} test; the points of all
 * checks must add up to the test's {@link Graded#points()}, which stays the step's maximum whatever
 * the student code does (a check never reached earns nothing).
 *
 * <pre>{@code
 * @Test @Graded(lab = 2, step = "2.5", points = 3)
 * void trainsWithUpdates(PartialCredit credit) {
 *     NDArray w = lab.trainedWeights();
 *     credit.check(2, "w after 1000 steps is [0.29564, -0.29564]", () -> assertThat(...));
 *     credit.check(1, "b after 1000 steps is 1.29564", () -> assertThat(...));
 * }
 * }</pre>
 */
public final class PartialCredit {
    /** One check's body; it fails by throwing, usually an assertion error. */
    @FunctionalInterface
    public interface Check {
        /** Runs the check. */
        void run() throws Throwable;
    }

    private static final double EPSILON = 1e-9;

    private final double maxPoints;
    private final List<String> lines = new ArrayList<>();
    private double declared;
    private double earned;
    private int failed;

    PartialCredit(double maxPoints) {
        this.maxPoints = maxPoints;
    }

    /** Runs one check worth {@code points}; {@code what} says in student words what it checks. */
    public void check(double points, String what, Check check) {
        check(points, what, "", check);
    }

    /** Like {@link #check(double, String, Check)}, with a hint shown when the check fails. */
    @SuppressWarnings("removal")
    public void check(double points, String what, String hint, Check check) {
        if (!(points > 0)) {
            throw new IllegalArgumentException("a check must be worth more than 0 points, got " + points + " for: " + what);
        }
        declared += points;
        if (declared > maxPoints + EPSILON) {
            throw new IllegalStateException("grading test error: the checks declare " + declared
                    + " points but @Graded gives this test " + maxPoints);
        }
        try {
            check.run();
            earned += points;
            lines.add("  ok     " + what + " (" + Points.format(points) + "/" + Points.format(points) + ")");
        } catch (ThreadDeath stopped) {
            throw stopped;
        } catch (Throwable problem) {
            failed++;
            String message = FailureMessages.describe(problem).indent(9).stripTrailing();
            lines.add("  FAILED " + what + " (0/" + Points.format(points) + ")\n" + message
                    + (hint.isBlank() ? "" : "\n         Hint: " + hint));
        }
    }

    double earned() {
        return earned;
    }

    boolean declaredExactly(double points) {
        return Math.abs(declared - points) < EPSILON;
    }

    boolean allPassed() {
        return failed == 0;
    }

    /** The outcome of each check that ran, or an empty string when none did. */
    String report() {
        if (lines.isEmpty()) {
            return "";
        }
        return failed + " of " + lines.size() + " checks failed:\n" + String.join("\n", lines);
    }
}
