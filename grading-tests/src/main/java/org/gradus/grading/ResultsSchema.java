package org.gradus.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a results document against Gradescope's autograder format, as this grader writes it: the
 * required keys and their types, known {@code status} and {@code visibility} values, scores between 0
 * and their maximum, and totals equal to the sums over the tests. Returns every problem found.
 */
public final class ResultsSchema {
    private static final Set<String> TOP_KEYS = Set.of("score", "max_score", "execution_time", "output",
            "visibility", "stdout_visibility", "tests");
    private static final Set<String> TEST_KEYS = Set.of("name", "number", "score", "max_score", "status",
            "output", "visibility", "tags");
    private static final Set<String> VISIBILITIES = Set.of("visible", "after_due_date", "after_published", "hidden");
    private static final Set<String> STATUSES = Set.of("passed", "failed");
    private static final double TOLERANCE = 1e-6;

    private ResultsSchema() {
    }

    /** The problems of {@code json}; an empty list means it is valid. */
    public static List<String> problems(String json) {
        List<String> problems = new ArrayList<>();
        Object document;
        try {
            document = Json.parse(json);
        } catch (IllegalArgumentException invalid) {
            return List.of(invalid.getMessage());
        }
        if (!(document instanceof Map<?, ?> top)) {
            return List.of("the document must be a JSON object");
        }
        keys(top, TOP_KEYS, "the document", problems);
        double score = number(top, "score", "the document", problems);
        double maxScore = number(top, "max_score", "the document", problems);
        number(top, "execution_time", "the document", problems);
        text(top, "output", "the document", problems);
        oneOf(top, "visibility", VISIBILITIES, "the document", problems);
        oneOf(top, "stdout_visibility", VISIBILITIES, "the document", problems);
        if (!(top.get("tests") instanceof List<?> tests)) {
            problems.add("\"tests\" must be an array");
            return problems;
        }
        double scoreSum = 0;
        double maxSum = 0;
        for (int i = 0; i < tests.size(); i++) {
            String where = "tests[" + i + "]";
            if (!(tests.get(i) instanceof Map<?, ?> test)) {
                problems.add(where + " must be an object");
                continue;
            }
            keys(test, TEST_KEYS, where, problems);
            text(test, "name", where, problems);
            text(test, "number", where, problems);
            text(test, "output", where, problems);
            oneOf(test, "status", STATUSES, where, problems);
            oneOf(test, "visibility", VISIBILITIES, where, problems);
            if (!(test.get("tags") instanceof List<?> tags) || !tags.stream().allMatch(String.class::isInstance)) {
                problems.add(where + ".tags must be an array of strings");
            }
            double testScore = number(test, "score", where, problems);
            double testMax = number(test, "max_score", where, problems);
            if (testScore > testMax + TOLERANCE) {
                problems.add(where + ".score " + testScore + " is above its max_score " + testMax);
            }
            if ("passed".equals(test.get("status")) && Math.abs(testScore - testMax) > TOLERANCE) {
                problems.add(where + " passed but scored " + testScore + " of " + testMax);
            }
            scoreSum += testScore;
            maxSum += testMax;
        }
        if (Math.abs(score - scoreSum) > TOLERANCE) {
            problems.add("score " + score + " is not the sum of the tests' scores, " + scoreSum);
        }
        if (Math.abs(maxScore - maxSum) > TOLERANCE) {
            problems.add("max_score " + maxScore + " is not the sum of the tests' max_score, " + maxSum);
        }
        return problems;
    }

    private static void keys(Map<?, ?> object, Set<String> required, String where, List<String> problems) {
        for (String key : required) {
            if (!object.containsKey(key)) {
                problems.add(where + " lacks \"" + key + "\"");
            }
        }
        for (Object key : object.keySet()) {
            if (!required.contains(key)) {
                problems.add(where + " has an unknown key \"" + key + "\"");
            }
        }
    }

    private static double number(Map<?, ?> object, String key, String where, List<String> problems) {
        if (object.get(key) instanceof Double value && Double.isFinite(value) && value >= 0) {
            return value;
        }
        if (object.containsKey(key)) {
            problems.add(where + "." + key + " must be a number of at least 0, got " + object.get(key));
        }
        return 0;
    }

    private static void text(Map<?, ?> object, String key, String where, List<String> problems) {
        if (object.containsKey(key) && !(object.get(key) instanceof String)) {
            problems.add(where + "." + key + " must be a string");
        }
    }

    private static void oneOf(Map<?, ?> object, String key, Set<String> allowed, String where, List<String> problems) {
        if (object.containsKey(key) && !allowed.contains(object.get(key))) {
            problems.add(where + "." + key + " must be one of " + allowed + ", got " + object.get(key));
        }
    }
}
