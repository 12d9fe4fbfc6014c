package org.gradus.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the results file for a submission that could not be graded, so the student sees why instead
 * of an empty grade: {@code compilation <maven-log> <results.json>} when the code does not compile
 * (the entry carries the compiler's messages), {@code grading <maven-log> <results.json>} when the
 * grading run ended without writing results. Used by the Gradescope {@code run_autograder} script.
 */
public final class SubmissionFailureReport {
    private static final int MAX_MESSAGE_CHARS = 8000;
    private static final int TAIL_LINES = 40;

    private SubmissionFailureReport() {
    }

    /** Writes the report; see the class description for the arguments. */
    public static void main(String[] args) throws IOException {
        if (args.length != 3 || !List.of("compilation", "grading").contains(args[0])) {
            System.err.println("usage: SubmissionFailureReport compilation|grading <maven-log> <results.json>");
            System.exit(2);
        }
        List<String> log = Files.exists(Path.of(args[1])) ? Files.readAllLines(Path.of(args[1])) : List.of();
        String json = args[0].equals("compilation") ? compilationFailure(log) : gradingFailure(log);
        ResultsFile.write(Path.of(args[2]), json);
    }

    /** The results for code that does not compile, with the compiler's error lines. */
    static String compilationFailure(List<String> mavenLog) {
        List<String> errors = mavenLog.stream()
                .filter(line -> line.startsWith("[ERROR]") && line.contains(".java"))
                .map(line -> line.replaceFirst("^\\[ERROR\\]\\s*", "").replaceFirst("^\\S*?/src/main/java/", ""))
                .distinct()
                .collect(Collectors.toList());
        String compilerSaid = errors.isEmpty() ? tail(mavenLog) : String.join("\n", errors);
        return ResultsJson.singleFailure("Compilation: your code must compile before it can be graded", "compilation",
                limit("Your submission does not compile, so no step could be graded. The compiler said:\n" + compilerSaid));
    }

    /** The results for a grading run that stopped before writing any. */
    static String gradingFailure(List<String> mavenLog) {
        return ResultsJson.singleFailure("Grading: the grading run stopped before it wrote results", "grading",
                limit("The grading run ended without results (a crash of the test JVM?). Its last lines:\n" + tail(mavenLog)));
    }

    private static String tail(List<String> lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    private static String limit(String message) {
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "\n...";
    }
}
