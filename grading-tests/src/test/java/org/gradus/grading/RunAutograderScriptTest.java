package org.gradus.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Gradescope script ({@code src/gradescope/run_autograder}) on the fixture lab 9: a fake
 * {@code /autograder/source} whose pristine skeleton is the {@code not-done} fixture, whose judge class
 * path is this JVM's test class path (so the judge finds the fixture grading tests,
 * {@code GRADUS_JUDGE_PACKAGES=org.gradus.grading.fixtures}) and whose runner class path is the build's.
 * The script places the submitted files over a fresh copy of the skeleton, runs the judge
 * ({@link JudgeMain}) in a JVM of its own and copies the results it wrote.
 */
class RunAutograderScriptTest {
    private static final Path SCRIPT = Path.of("src/gradescope/run_autograder");
    private static final Path FIXTURE_LABS = FixtureGrader.FIXTURE_LABS;
    private static final String LAB9 = "org/gradus/labs/lab9";
    /** The fixture lab 9's points: 2 + 3 + 1 visible, 1 hidden ({@code HiddenFakeLabGrading}). */
    private static final double LAB9_POINTS = 7.0;

    @TempDir
    Path work;

    /** A fake {@code /autograder/source}, as {@code setup.sh} leaves it, with the fixture skeleton as pristine labs. */
    private Path source() throws IOException {
        Path source = work.resolve("source");
        if (Files.isDirectory(source)) {
            return source;
        }
        copyFixtureTree(FIXTURE_LABS.resolve("not-done"), Files.createDirectories(source.resolve("pristine-labs")));
        Files.writeString(source.resolve("judge-classpath.txt"), judgeClassPath());
        String runnerClassPath = System.getProperty("gradus.runner.classpath");
        assertThat(runnerClassPath).as("gradus.runner.classpath (set by the build)").isNotBlank();
        Files.writeString(source.resolve("runner-classpath.txt"), runnerClassPath);
        return source;
    }

    /** This JVM's test class path (surefire runs tests from a manifest-only jar), with the grader's classes. */
    private static String judgeClassPath() {
        String testClassPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : testClassPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        entries.add(Path.of("target/test-classes").toAbsolutePath().toString());
        entries.add(Path.of("target/classes").toAbsolutePath().toString());
        return String.join(File.pathSeparator, entries);
    }

    /** Copies a fixture source tree, with its placeholders filled in as {@link FixtureGrader} does. */
    private void copyFixtureTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.writeString(target, fixtureText(p));
                }
            }
        }
    }

    private String fixtureText(Path file) throws IOException {
        return Files.readString(file).replace("@RESULTS_FOLDER@", work.toAbsolutePath().toString())
                .replace("@SLEEP_SECONDS@", FixtureGrader.SLEEP_SECONDS);
    }

    /** A fixture state's FakeLab.java. */
    private String fakeLab(String state) throws IOException {
        return fixtureText(FIXTURE_LABS.resolve(state).resolve(LAB9).resolve("FakeLab.java"));
    }

    private Path submission(String name) throws IOException {
        return Files.createDirectories(work.resolve("submissions").resolve(name));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** What the script left: the parsed results.json, with the lab 9 entries at hand. */
    record Results(Map<?, ?> document, String json) {
        List<Map<?, ?>> tests() {
            return ((List<?>) document.get("tests")).stream().<Map<?, ?>>map(t -> (Map<?, ?>) t).toList();
        }

        List<Map<?, ?>> lab9() {
            return tests().stream().filter(t -> String.valueOf(t.get("number")).startsWith("9.")).toList();
        }

        double lab9Score() {
            return lab9().stream().mapToDouble(t -> ((Number) t.get("score")).doubleValue()).sum();
        }

        String output() {
            return (String) document.get("output");
        }
    }

    private Results runScript(Path submission) throws IOException, InterruptedException {
        Path source = source();
        Path results = work.resolve("results-" + submission.getFileName());
        Path log = work.resolve("script-" + submission.getFileName() + ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("GRADUS_SOURCE", source.toString());
        env.put("GRADUS_SUBMISSION", submission.toAbsolutePath().toString());
        env.put("GRADUS_RESULTS", results.toString());
        env.put("GRADUS_JAVA", Path.of(System.getProperty("java.home")).resolve("bin/java").toString());
        env.put("GRADUS_JUDGE_PACKAGES", "org.gradus.grading.fixtures");
        env.put("GRADUS_TIME_LIMIT", "100");
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("run_autograder did not finish in 120 s:\n" + Files.readString(log));
        }
        assertThat(process.exitValue()).as(Files.readString(log)).isZero();
        String json = Files.readString(results.resolve("results.json"));
        assertThat(ResultsSchema.problems(json)).as(json).isEmpty();
        return new Results((Map<?, ?>) Json.parse(json), json);
    }

    private static Map<?, ?> step(Results results, String number) {
        List<Map<?, ?>> entries = results.tests().stream().filter(t -> number.equals(t.get("number"))).toList();
        assertThat(entries).as("entries numbered %s in %s", number, results.json()).isNotEmpty();
        return entries.get(0);
    }

    @Test
    void aLooseSingleFileOfACorrectLabEarnsTheFixturesFullPoints() throws Exception {
        Path submission = submission("correct");
        Files.writeString(submission.resolve("FakeLab.java"), fakeLab("correct"));

        Results results = runScript(submission);

        assertThat(results.lab9()).as(results.json()).hasSize(4)
                .allSatisfy(t -> assertThat(t.get("status")).as(String.valueOf(t)).isEqualTo("passed"));
        assertThat(results.lab9Score()).as(results.json()).isEqualTo(LAB9_POINTS);
        assertThat(((Number) step(results, "9.2").get("score")).doubleValue()).isEqualTo(3.0);
        assertThat(results.output()).contains("Submission: 1 lab source file(s) taken").doesNotContain("Ignored:");
    }

    @Test
    void aSubmissionThatDoesNotCompileGetsAVisibleCompilationEntryAndNothingForItsLab() throws Exception {
        Path submission = submission("broken");
        Files.writeString(submission.resolve("FakeLab.java"), fakeLab("does-not-compile"));

        Results results = runScript(submission);

        Map<?, ?> compilation = step(results, "9.0");
        assertThat(compilation.get("name")).asString().contains("Compilation of lab 9");
        assertThat(compilation.get("status")).isEqualTo("failed");
        assertThat(compilation.get("visibility")).isEqualTo("visible");
        assertThat((String) compilation.get("output")).contains("Lab 9 does not compile")
                .contains("FakeLab.java").contains("';' expected");
        assertThat(results.lab9Score()).as(results.json()).isZero();
    }

    @Test
    void filesOutsideTheLabPackagesOrOutOfPlaceAreIgnoredAndNamed() throws Exception {
        Path submission = submission("repository");
        Path java = submission.resolve("labs/src/main/java");
        write(java.resolve(LAB9).resolve("FakeLab.java"), fakeLab("correct"));
        // a class of the grader's package: never taken, it must not reach the judge
        write(java.resolve("org/gradus/grading/GradingListener.java"),
                "package org.gradus.grading;\npublic class GradingListener { }\n");
        // a lab 9 class in lab 8's folder: a broken FakeLab that would make lab 9 fail to compile if taken
        write(java.resolve("org/gradus/labs/lab8/FakeLab.java"), fakeLab("does-not-compile"));
        // resources are not lab sources: neither a service file nor a .java file under resources is taken
        write(submission.resolve("labs/src/main/resources/META-INF/services/org.junit.platform.launcher.TestExecutionListener"),
                "org.gradus.labs.lab9.FakeLab\n");
        write(submission.resolve("labs/src/main/resources").resolve(LAB9).resolve("FakeLab.java"), fakeLab("not-done"));
        // tests and build outputs of the student's repository are not taken either
        write(submission.resolve("labs/src/test/java").resolve(LAB9).resolve("FakeLab.java"), fakeLab("not-done"));
        write(submission.resolve("labs/target/generated-sources").resolve(LAB9).resolve("FakeLab.java"), fakeLab("not-done"));

        Results results = runScript(submission);

        assertThat(results.output())
                .contains("Submission: 1 lab source file(s) taken")
                .contains("Ignored: GradingListener.java (package 'org.gradus.grading')")
                .contains("Ignored: FakeLab.java (its folder does not match package org.gradus.labs.lab9)");
        assertThat(results.lab9Score()).as("the correct FakeLab, and only it, was graded: " + results.json())
                .isEqualTo(LAB9_POINTS);
        assertThat(results.tests()).noneMatch(t -> "9.0".equals(t.get("number")));
    }

    @Test
    void theEmptySubmissionGradesToTheSkeletonsZero() throws Exception {
        Results results = runScript(submission("empty"));

        assertThat(results.document().get("score")).isEqualTo(0.0);
        assertThat(results.lab9()).as(results.json()).hasSize(4).allSatisfy(t -> {
            assertThat(t.get("score")).isEqualTo(0.0);
            assertThat((String) t.get("output")).contains("Not done yet — Lab 9, step " + t.get("number").toString().substring(2));
        });
        assertThat(results.output()).contains("Submission: 0 lab source file(s) taken");
    }

    @Test
    void eachSubmissionIsGradedOnAFreshCopyOfTheSkeleton() throws Exception {
        Path first = submission("first");
        Files.writeString(first.resolve("FakeLab.java"), fakeLab("correct"));
        // a helper class only the first submission has: it must not reach the second
        write(first.resolve("Helper.java"), "package org.gradus.labs.lab9;\npublic class Helper { }\n");
        Path second = submission("second");
        write(second.resolve("Other.java"), "package org.gradus.labs.lab9;\npublic class Other { Helper h; }\n");
        List<String> pristineBefore = listing(source().resolve("pristine-labs"));

        Results firstResults = runScript(first);
        Results secondResults = runScript(second);

        assertThat(firstResults.lab9Score()).as(firstResults.json()).isEqualTo(LAB9_POINTS);
        assertThat(step(secondResults, "9.0").get("output")).as("Helper.java is gone: " + secondResults.json())
                .asString().contains("Other.java").contains("cannot find symbol");
        assertThat(secondResults.lab9Score()).isZero();
        assertThat(listing(source().resolve("pristine-labs"))).as("the skeleton is never written to")
                .isEqualTo(pristineBefore);
        assertThat(Files.readString(source().resolve("pristine-labs").resolve(LAB9).resolve("FakeLab.java")))
                .isEqualTo(fakeLab("not-done"));
    }

    private static List<String> listing(Path root) throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(p -> files.add(root.relativize(p).toString()));
        }
        files.sort(null);
        return files;
    }
}
