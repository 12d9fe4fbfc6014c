package org.gradus.grading;

import java.util.List;
import java.util.Locale;

/**
 * Writes results in Gradescope's autograder format: {@code score}, {@code max_score},
 * {@code execution_time}, {@code output}, {@code visibility}, {@code stdout_visibility} and
 * {@code tests[]}, each with {@code name}, {@code number}, {@code score}, {@code max_score},
 * {@code status}, {@code output}, {@code visibility} and {@code tags}.
 */
final class ResultsJson {
    /** The longest feedback of one test; longer text (student values in a message) is cut. */
    static final int MAX_TEST_OUTPUT = 4000;
    /** The longest overall output. */
    static final int MAX_OUTPUT = 8000;

    private ResultsJson() {
    }

    private static String capped(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "\n... [cut: " + (text.length() - max) + " more characters]";
    }

    /** The whole results document. */
    static String render(List<StepResult> results, String output, double executionSeconds) {
        double score = results.stream().mapToDouble(StepResult::score).sum();
        double maxScore = results.stream().mapToDouble(r -> r.test().points()).sum();
        StringBuilder json = new StringBuilder(256 + 256 * results.size());
        json.append("{\n  \"score\": ").append(number(score))
                .append(",\n  \"max_score\": ").append(number(maxScore))
                .append(",\n  \"execution_time\": ").append(number(executionSeconds))
                .append(",\n  \"output\": ").append(string(capped(output, MAX_OUTPUT)))
                .append(",\n  \"visibility\": \"visible\",\n  \"stdout_visibility\": \"hidden\",\n  \"tests\": [");
        for (int i = 0; i < results.size(); i++) {
            json.append(i == 0 ? "\n" : ",\n").append(test(results.get(i)));
        }
        return json.append(results.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
    }

    /** A document with a single failed entry, for a submission that could not be graded at all. */
    static String singleFailure(String name, String tag, String message) {
        String test = "    {\"name\": " + string(name) + ", \"number\": \"0\""
                + ", \"score\": 0, \"max_score\": 0, \"status\": \"failed\", \"output\": " + string(message)
                + ", \"visibility\": \"visible\", \"tags\": [" + string(tag) + "]}";
        return "{\n  \"score\": 0,\n  \"max_score\": 0,\n  \"execution_time\": 0,\n  \"output\": "
                + string(name + " failed; nothing was graded.") + ",\n  \"visibility\": \"visible\","
                + "\n  \"stdout_visibility\": \"hidden\",\n  \"tests\": [\n" + test + "\n  ]\n}\n";
    }

    private static String test(StepResult result) {
        GradedTest test = result.test();
        return "    {\"name\": " + string(test.gradescopeName())
                + ", \"number\": " + string(test.step())
                + ", \"score\": " + number(result.score())
                + ", \"max_score\": " + number(test.points())
                + ", \"status\": " + string(result.passed() ? "passed" : "failed")
                + ", \"output\": " + string(capped(result.output(), MAX_TEST_OUTPUT))
                + ", \"visibility\": " + string(test.visibility().gradescopeName())
                + ", \"tags\": [" + string("lab" + test.lab()) + ", " + string("step" + test.step()) + "]}";
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.6f", value);
    }

    /** A JSON string literal; control characters and non-ASCII are escaped so the file is plain ASCII. */
    static String string(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
