package org.gradus.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command-line check of a results file, for CI:
 * {@code java -cp grading-tests/target/classes org.gradus.grading.ResultsCheck <results.json> <expectation>}
 * where the expectation is {@code valid} (the file matches the Gradescope format), {@code full} (valid,
 * and every test passed: the reference solutions) or {@code zero} (valid, nothing earned, and every
 * test's message names its own lab and step: the untouched skeleton). Exits 1 and lists the problems
 * when the file falls short.
 */
public final class ResultsCheck {
    /** What a results file is expected to show. */
    public enum Expectation {
        /** It matches the format. */
        VALID,
        /** Full marks. */
        FULL,
        /** Zero, with each step's own "not done yet" message. */
        ZERO
    }

    private static final Pattern STEP_NUMBER = Pattern.compile("([0-9]+)\\.([0-9]+)");

    private ResultsCheck() {
    }

    /** Checks the file and exits with status 0 when it meets the expectation, 1 otherwise. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ResultsCheck <results.json> valid|full|zero");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        if (!Files.isRegularFile(file)) {
            System.err.println("no results file at " + file.toAbsolutePath());
            System.exit(1);
        }
        Expectation expectation = Expectation.valueOf(args[1].toUpperCase(Locale.ROOT));
        List<String> problems = problems(Files.readString(file), expectation);
        if (problems.isEmpty()) {
            System.out.println(file + ": " + args[1] + " as expected");
            return;
        }
        System.err.println(file + " is not " + args[1] + ":");
        problems.forEach(problem -> System.err.println("  - " + problem));
        System.exit(1);
    }

    /** Everything that keeps {@code json} from meeting {@code expectation}; empty when it does. */
    public static List<String> problems(String json, Expectation expectation) {
        List<String> problems = new ArrayList<>(ResultsSchema.problems(json));
        if (!problems.isEmpty() || expectation == Expectation.VALID) {
            return problems;
        }
        Map<?, ?> document = (Map<?, ?>) Json.parse(json);
        List<?> tests = (List<?>) document.get("tests");
        if (tests.isEmpty()) {
            problems.add("no graded tests ran");
        }
        for (Object entry : tests) {
            Map<?, ?> test = (Map<?, ?>) entry;
            String name = (String) test.get("name");
            if (expectation == Expectation.FULL && !"passed".equals(test.get("status"))) {
                problems.add(name + " failed: " + test.get("output"));
            }
            if (expectation == Expectation.ZERO) {
                if (!"failed".equals(test.get("status")) || (Double) test.get("score") != 0) {
                    problems.add(name + " earned points against the skeleton");
                } else if (!namesItsStep((String) test.get("number"), (String) test.get("output"))) {
                    problems.add(name + " does not fail with its own step's message: " + test.get("output"));
                }
            }
        }
        return problems;
    }

    /** Whether {@code output} names lab L and step S (or L.S) of {@code number} "L.S". */
    static boolean namesItsStep(String number, String output) {
        Matcher step = STEP_NUMBER.matcher(number);
        if (!step.matches()) {
            return false;
        }
        String lab = step.group(1);
        String index = step.group(2);
        return Pattern.compile("(?is)\\blab\\s*" + lab + "\\b.*?\\bstep\\s*(" + lab + "\\.)?" + index + "\\b")
                .matcher(output).find();
    }
}
