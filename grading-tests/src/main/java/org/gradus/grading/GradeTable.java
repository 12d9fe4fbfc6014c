package org.gradus.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints the grade table of the last grading run ({@code summary.txt}) as the last step of the
 * grading module's build, so that the table is what a student sees at the end of {@code mvn test}.
 */
public final class GradeTable {
    private GradeTable() {
    }

    /** {@code args[0]}: the grading folder. */
    public static void main(String... args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "target/grading");
        Path summary = folder.resolve(GradingListener.SUMMARY_FILE);
        if (!Files.exists(summary)) {
            System.out.println("No grade table: no graded test ran (see the messages above).");
            return;
        }
        System.out.print(Files.readString(summary, StandardCharsets.UTF_8));
        System.out.println("Results: " + folder.resolve(GradingListener.RESULTS_FILE).toAbsolutePath());
        System.out.println("This is self-assessment: the grade that counts comes from your course's autograder.");
    }
}
