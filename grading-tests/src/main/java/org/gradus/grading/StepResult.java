package org.gradus.grading;

/**
 * The outcome of one graded test: the points earned out of {@link GradedTest#points()}, whether it
 * passed, and the feedback text the student reads.
 */
record StepResult(GradedTest test, double score, boolean passed, String output, double seconds) {

    /** The entry written before a test runs, so that a JVM that dies leaves it reported as failed. */
    static StepResult notRun(GradedTest test) {
        return new StepResult(test, 0, false, "Not run: the JVM stopped before this test ran"
                + " (System.exit, a crash, or the time limit of the whole run).", 0);
    }

    /** A test that failed for a reason found before any student code ran. */
    static StepResult failed(GradedTest test, String why) {
        return new StepResult(test, 0, false, why, 0);
    }
}
