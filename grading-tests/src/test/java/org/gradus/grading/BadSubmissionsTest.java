package org.gradus.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gradus.grading.fixtures.FakeLabGrading;
import org.gradus.grading.fixtures.OtherLabGrading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each deliberately bad fixture lab (src/fixtures/labs/STATE) costs its own step only, leaves a valid
 * results file whose messages say what to fix, and leaves no runner process behind.
 */
class BadSubmissionsTest {
    private static final String RUNNER_MAIN = "org.gradus.lab.remote.LabRunner";

    @TempDir
    Path folder;

    private FixtureGrader.Run grade(String state) {
        FixtureGrader.Run run = FixtureGrader.grade(state, folder, FakeLabGrading.class);
        assertThat(ResultsSchema.problems(run.json())).isEmpty();
        assertThat(run.maxScore()).isEqualTo(6.0);
        assertThat(runnersStillAlive()).as("runner processes left after the run").isEmpty();
        return run;
    }

    /** Runner JVMs of this grading JVM, and fixture processes, that are still alive. */
    private static List<String> runnersStillAlive() {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains(RUNNER_MAIN) && line.contains(FixtureGrader.FIXTURE_HEAP_FLAG)
                        || line.matches("(.*/)?sleep " + FixtureGrader.SLEEP_SECONDS))
                .toList();
    }

    @Test
    void correctSubmissionEarnsEveryPoint() {
        FixtureGrader.Run run = grade("correct");
        assertThat(run.score()).as(run.json()).isEqualTo(6.0);
        assertThat(run.tests()).allMatch(t -> t.get("status").equals("passed"));
    }

    @Test
    void theUntouchedSkeletonNamesEachStep() {
        FixtureGrader.Run run = grade("not-done");
        assertThat(run.score()).as(run.json()).isZero();
        assertThat((String) run.step("9.1").get("output")).startsWith("Not done yet — Lab 9, step 1: square x");
        assertThat((String) run.step("9.3").get("output")).startsWith("Not done yet — Lab 9, step 3: sum 1..n");
    }

    @Test
    void anExceptionCostsItsStepAndSaysWhere() {
        FixtureGrader.Run run = grade("throws");
        assertThat(run.score()).as(run.json()).isEqualTo(4.0);
        assertThat((String) run.step("9.1").get("output"))
                .contains("Your code threw IllegalStateException: x went missing")
                .contains("at FakeLab.java:").contains("(FakeLab.square)")
                .contains("Hint: Multiply x by itself.");
    }

    @Test
    void anEndlessLoopCostsItsStepAndTheRunGoesOn() {
        FixtureGrader.Run run = grade("loops");
        assertThat(run.score()).as(run.json()).isEqualTo(5.0);
        assertThat((String) run.step("9.3").get("output")).contains("did not finish within 1 s");
    }

    @Test
    void anEndlessStaticInitializerCostsItsStep() {
        FixtureGrader.Run run = grade("static-init-loops");
        assertThat(run.score()).as(run.json()).isEqualTo(5.0);
        assertThat((String) run.step("9.3").get("output")).contains("did not finish within 1 s");
    }

    @Test
    void systemExitEndsOnlyTheRunnerAndCostsItsStep() {
        FixtureGrader.Run run = grade("exits");
        assertThat(run.score()).as(run.json()).isEqualTo(4.0);
        assertThat((String) run.step("9.1").get("output"))
                .contains("The JVM running your code ended during FakeLab.square").contains("System.exit");
    }

    @Test
    void runningOutOfMemoryCostsItsStep() {
        FixtureGrader.Run run = grade("fills-heap");
        assertThat(run.score()).as(run.json()).isEqualTo(4.0);
        assertThat((String) run.step("9.1").get("output")).startsWith("OutOfMemoryError");
    }

    @Test
    void endlessRecursionCostsItsStep() {
        FixtureGrader.Run run = grade("recurses");
        assertThat(run.score()).as(run.json()).isEqualTo(4.0);
        assertThat((String) run.step("9.1").get("output")).startsWith("StackOverflowError");
    }

    @Test
    void aHugeMessageIsCutShort() {
        FixtureGrader.Run run = grade("huge-message");
        assertThat(run.score()).as(run.json()).isEqualTo(4.0);
        String output = (String) run.step("9.1").get("output");
        assertThat(output).startsWith("Your code threw IllegalStateException: yyyy");
        assertThat(output.length()).as("the step's message").isLessThan(5_000);
        assertThat(run.json().length()).as("results.json").isLessThan(32_000);
    }

    @Test
    void printedOrWrittenFakeResultsChangeNothing() throws Exception {
        FixtureGrader.Run run = grade("fakes-results");
        assertThat(run.score()).as(run.json()).isEqualTo(4.0);
        assertThat((String) run.step("9.1").get("output")).contains("expected: 9.0").contains("but was: -1.0");
        assertThat(run.json()).doesNotContain("\"score\": 100");
        if (Runtime.version().feature() < 24) {
            // the runner's guard keeps lab code out of every folder but its scratch (the OS does on Gradescope)
            assertThat(folder.resolve("forged.txt")).doesNotExist();
        }
    }

    @Test
    void threadsHooksAndProcessesTheLabLeavesEndWithTheRun() {
        FixtureGrader.Run run = grade("lingers");
        assertThat(run.score()).as(run.json()).isEqualTo(6.0);
    }

    @Test
    void aLabThatDoesNotCompileCostsItsStepsOnlyAndShowsTheCompilerErrors() {
        FixtureGrader.Run run = FixtureGrader.grade("does-not-compile", folder, FakeLabGrading.class,
                OtherLabGrading.class);
        assertThat(ResultsSchema.problems(run.json())).isEmpty();
        assertThat(run.step("8.1").get("status")).as("lab 8 is still graded").isEqualTo("passed");
        assertThat(run.score()).as(run.json()).as("8.1 and the checked point of 8.2").isEqualTo(2.0);
        assertThat((String) run.step("9.1").get("output")).contains("Lab 9 does not compile");
        assertThat((String) run.step("9.0").get("name")).contains("Compilation");
        assertThat((String) run.step("9.0").get("output")).contains("FakeLab.java:7: ';' expected");
        assertThat(run.tests()).noneMatch(t -> "8.0".equals(t.get("number")));
        assertThat(runnersStillAlive()).isEmpty();
    }

    @Test
    void aWrongShapeEarnsOnlyTheChecksItPasses() {
        FixtureGrader.Run run = grade("wrong-shape");
        assertThat(run.step("9.2").get("score")).isEqualTo(1.0);
        assertThat((String) run.step("9.2").get("output"))
                .contains("FAILED the result has the input's shape, 2 x 2 (0/1)")
                .contains("ok     every entry is a finite number (1/1)")
                .contains("Hint: S(x) = 1 / (1 + exp(-x))");
        assertThat(run.score()).as(run.json()).isEqualTo(4.0);
    }

    @Test
    void notANumberEarnsOnlyTheShapeCheck() {
        FixtureGrader.Run run = grade("not-a-number");
        assertThat(run.step("9.2").get("score")).isEqualTo(1.0);
        assertThat((String) run.step("9.2").get("output")).contains("FAILED every entry is a finite number");
        assertThat(run.score()).as(run.json()).isEqualTo(4.0);
    }

    @Test
    void consoleTableShowsEachStepAndWhatWentWrong() {
        FixtureGrader.Run run = grade("throws");
        assertThat(run.console())
                .contains("Lab 9")
                .containsPattern("9\\.1 +square\\(3\\) is 9 +0 / 2 +FAILED")
                .containsPattern("9\\.2 +logistic of .* +3 / 3 +ok")
                .contains("Your code threw IllegalStateException: x went missing")
                .containsPattern("Total: 4 / 6 points, 2 of 3 tests passed");
    }

    @Test
    void theFixtureLabsAreSourcesTheGraderNeverLoads() throws Exception {
        assertThat(Files.exists(FixtureGrader.FIXTURE_LABS.resolve("correct/org/gradus/labs/lab9/FakeLab.java"))).isTrue();
        assertThat(getClass().getClassLoader().getResource("org/gradus/labs/lab9/FakeLab.class")).isNull();
    }
}
