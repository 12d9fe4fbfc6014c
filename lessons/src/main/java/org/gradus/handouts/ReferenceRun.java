package org.gradus.handouts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gradus.labs.Labs;

/**
 * Runs every lab of the reference solutions headless ({@code Labs.main()} with no argument), so that
 * every figure, rendered graph, step result and reproducibility JSON the handouts show is written
 * fresh under the figures folder. The labs' own output goes to {@code reference-run.log} in that folder;
 * the build fails when any step did not run cleanly.
 *
 * <p>Arguments: the figures folder (it is emptied first, so no stale figure survives). Run it with
 * the working directory the labs write relative to ({@code solutions/}).
 */
public final class ReferenceRun {
    /** Lines of a lab's output that mean a step did not produce its result. */
    private static final List<String> PROBLEMS = List.of("FAILED", "not done yet", "waits for an earlier step",
            "graph not rendered", "did not finish");

    private ReferenceRun() {
    }

    public static void main(String... args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ReferenceRun <figures folder>");
        }
        Path figures = Path.of(args[0]).toAbsolutePath().normalize();
        Folders.deleteRecursively(figures);
        long start = System.nanoTime();
        String output = runLabsCapturingOutput();
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.createDirectories(figures);
        Path log = figures.resolve("reference-run.log");
        Files.writeString(log, output);
        output.lines().filter(line -> line.matches("Lab \\d+: \\d+ of \\d+ steps ran")).forEach(System.out::println);
        List<String> problems = output.lines().filter(line -> PROBLEMS.stream().anyMatch(line::contains)).toList();
        if (!problems.isEmpty()) {
            System.err.println("The reference run is not clean, so the handouts would show missing or wrong results:");
            problems.forEach(line -> System.err.println("  " + line.strip()));
            System.err.println("The labs' whole output is in " + log);
            System.exit(1);
        }
        System.out.printf("reference run: every lab ran in %.1f s; figures and step results in %s%n", seconds, figures);
    }

    /** Runs all labs with standard output captured: their step-by-step text is long and goes to the log. */
    private static String runLabsCapturingOutput() {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            Labs.main();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
