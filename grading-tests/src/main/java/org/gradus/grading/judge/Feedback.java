package org.gradus.grading.judge;

import java.util.List;

/** Student-facing sentences about what the runner reported; every student-controlled text is cut short. */
final class Feedback {
    private static final int MAX_PRINTED = 600;

    private Feedback() {
    }

    static String threw(String type, String message, List<String> frames) {
        String simple = type.substring(type.lastIndexOf('.') + 1);
        String lead;
        if (simple.equals("StackOverflowError")) {
            lead = "StackOverflowError: your code called itself without end (a recursion with no base case?).";
        } else if (simple.equals("OutOfMemoryError")) {
            lead = "OutOfMemoryError: your code used more memory than the grader allows"
                    + " (a collection or array that grows without end?).";
        } else {
            lead = "Your code threw " + simple + (message == null || message.isBlank() || message.equals("null")
                    ? "" : ": " + message.strip());
        }
        return lead + (frames.isEmpty() ? "" : "\n    at " + String.join("\n    at ", frames));
    }

    static String printed(String output) {
        if (output == null || output.isBlank()) {
            return "";
        }
        String text = output.length() > MAX_PRINTED ? "..." + output.substring(output.length() - MAX_PRINTED) : output;
        return "\nThe last thing it printed:\n" + text;
    }
}
