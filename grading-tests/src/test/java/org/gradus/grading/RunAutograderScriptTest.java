package org.gradus.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gradus.grading.fixtures.FakeLabGrading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Gradescope script's logic, with a stand-in for Maven that compiles the lab sources with javac
 * and, for the test phase, leaves the results file the test gives it (or none).
 */
class RunAutograderScriptTest {
    private static final Path SCRIPT = Path.of("src/gradescope/run_autograder");
    private static final Path SUBMISSIONS = Path.of("src/fixtures/submissions");
    private static final String FAKE_MAVEN = """
            #!/usr/bin/env bash
            case "$*" in
              *compile*)
                mkdir -p labs/target/classes
                if ! "$FAKE_JAVAC" -d labs/target/classes $(find labs/src/main/java -name '*.java') > javac.log 2>&1; then
                  sed 's/^/[ERROR] /' javac.log; exit 1
                fi ;;
              *test*)
                if [ -n "${FAKE_RESULTS:-}" ]; then
                  mkdir -p grading-tests/target/grading && cp "$FAKE_RESULTS" grading-tests/target/grading/results.json
                fi
                echo "the forked VM terminated without saying goodbye" ;;
            esac
            """;

    @TempDir
    Path work;

    private Map<?, ?> runScript(Path submission, String fakeResults) throws IOException, InterruptedException {
        Path source = Files.createDirectories(work.resolve("source"));
        Path mvn = work.resolve("fake-mvn");
        Files.writeString(mvn, FAKE_MAVEN);
        assertThat(mvn.toFile().setExecutable(true)).isTrue();
        Path javaHome = Path.of(System.getProperty("java.home"));
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("script.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("GRADUS_SOURCE", source.toString());
        env.put("GRADUS_SUBMISSION", submission.toAbsolutePath().toString());
        env.put("GRADUS_RESULTS", work.resolve("results").toString());
        env.put("GRADUS_MVN", mvn.toString());
        env.put("GRADUS_JAVA", javaHome.resolve("bin/java").toString());
        env.put("GRADUS_GRADER_CLASSPATH", Path.of("target/classes").toAbsolutePath().toString());
        env.put("FAKE_JAVAC", javaHome.resolve("bin/javac").toString());
        env.put("FAKE_RESULTS", fakeResults);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(work.resolve("script.log"))).isZero();
        String json = Files.readString(work.resolve("results/results.json"));
        assertThat(ResultsSchema.problems(json)).isEmpty();
        return (Map<?, ?>) Json.parse(json);
    }

    @Test
    void aSubmissionThatDoesNotCompileGetsAVisibleCompilationEntry() throws Exception {
        Map<?, ?> results = runScript(SUBMISSIONS.resolve("does-not-compile"), "");
        Map<?, ?> entry = (Map<?, ?>) ((java.util.List<?>) results.get("tests")).get(0);
        assertThat(entry.get("name")).isEqualTo("Compilation: your code must compile before it can be graded");
        assertThat(entry.get("status")).isEqualTo("failed");
        assertThat(entry.get("visibility")).isEqualTo("visible");
        assertThat((String) entry.get("output")).contains("org/gradus/labs/lab9/BrokenLab.java:6: error: ';' expected");
        assertThat(work.resolve("source/labs/src/main/java/org/gradus/labs/lab9/BrokenLab.java"))
                .as("a loose file is placed by its package").exists();
    }

    @Test
    void aCompilingSubmissionIsGradedAndItsResultsCopied() throws Exception {
        FixtureGrader.grade("correct", work.resolve("graded"), FakeLabGrading.class);
        Path graded = work.resolve("graded").resolve(GradingListener.RESULTS_FILE);
        Map<?, ?> results = runScript(SUBMISSIONS.resolve("repository-copy"), graded.toString());
        assertThat(results.get("score")).isEqualTo(6.0);
        assertThat(work.resolve("source/labs/src/main/java/org/gradus/labs/lab9/SquareLab.java")).exists();
        assertThat(work.resolve("source/labs/pom.xml")).as("the student's pom is not taken").doesNotExist();
    }

    @Test
    void aGradingRunThatLeavesNoResultsIsReportedWithItsLog() throws Exception {
        Map<?, ?> results = runScript(SUBMISSIONS.resolve("repository-copy"), "");
        Map<?, ?> entry = (Map<?, ?>) ((java.util.List<?>) results.get("tests")).get(0);
        assertThat((String) entry.get("output")).contains("the forked VM terminated without saying goodbye");
    }
}
