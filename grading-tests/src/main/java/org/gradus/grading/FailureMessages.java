package org.gradus.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** Turns what a graded test threw into text a student can act on: what happened and where. */
final class FailureMessages {
    private static final int FRAMES_SHOWN = 3;

    private FailureMessages() {
    }

    /** Describes {@code problem} for the student; assertion messages pass through unchanged. */
    static String describe(Throwable problem) {
        if (problem instanceof StudentCodeFailure) {
            return problem.getMessage();
        }
        if (problem instanceof AssertionError) {
            String message = problem.getMessage();
            return message == null || message.isBlank() ? "a check failed without a message" : message.strip();
        }
        if (problem instanceof StackOverflowError) {
            return "StackOverflowError: your code called itself without end (a recursion with no base case?)."
                    + where(problem);
        }
        if (problem instanceof OutOfMemoryError) {
            return "OutOfMemoryError: your code used more memory than the grader allows"
                    + " (a collection or array that grows without end?)." + where(problem);
        }
        if (problem instanceof TimeoutException) {
            return problem.getMessage();
        }
        String message = problem.getMessage();
        return "Your code threw " + problem.getClass().getSimpleName()
                + (message == null || message.isBlank() ? "" : ": " + message.strip()) + where(problem);
    }

    /** The first few stack frames outside the JDK, JUnit and the grader, i.e. in the lab code. */
    private static String where(Throwable problem) {
        List<String> frames = new ArrayList<>();
        for (StackTraceElement frame : problem.getStackTrace()) {
            String className = frame.getClassName();
            if (!isLabCode(className)) {
                continue;
            }
            if (!frames.isEmpty() && frames.get(frames.size() - 1).equals(frame.toString())) {
                continue;
            }
            frames.add(frame.toString());
            if (frames.size() == FRAMES_SHOWN) {
                break;
            }
        }
        return frames.isEmpty() ? "" : "\n    at " + String.join("\n    at ", frames);
    }

    /** Frames of the JDK, JUnit, AssertJ, the grader and the grading tests are not the student's. */
    private static boolean isLabCode(String className) {
        String outerClass = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
        String packageName = outerClass.substring(0, Math.max(0, outerClass.lastIndexOf('.')));
        boolean platform = className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
                || className.startsWith("org.junit.") || className.startsWith("org.assertj.");
        boolean grader = packageName.equals(FailureMessages.class.getPackageName());
        boolean gradingTest = outerClass.endsWith("Test") || outerClass.endsWith("Grading");
        return !platform && !grader && !gradingTest;
    }
}
