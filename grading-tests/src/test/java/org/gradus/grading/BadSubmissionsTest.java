package org.gradus.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.gradus.grading.fixtures.BadSubmissions;
import org.gradus.grading.fixtures.CorrectLab;
import org.gradus.grading.fixtures.FakeLab;
import org.gradus.grading.fixtures.FakeLabGrading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each deliberately bad submission costs its own step only and leaves a valid results file. */
class BadSubmissionsTest {
    @TempDir
    Path folder;

    private FixtureGrader.Run grade(FakeLab submission) {
        FixtureGrader.Run run = FixtureGrader.grade(submission, folder, FakeLabGrading.class);
        assertThat(ResultsSchema.problems(run.json())).isEmpty();
        assertThat(run.maxScore()).isEqualTo(6.0);
        return run;
    }

    @Test
    void correctSubmissionEarnsEveryPoint() {
        FixtureGrader.Run run = grade(new CorrectLab());
        assertThat(run.score()).isEqualTo(6.0);
        assertThat(run.tests()).allMatch(t -> t.get("status").equals("passed"));
    }

    @Test
    void anExceptionCostsItsStepAndSaysWhere() {
        FixtureGrader.Run run = grade(BadSubmissions.throwing());
        assertThat(run.score()).isEqualTo(4.0);
        assertThat((String) run.step("9.1").get("output"))
                .contains("Your code threw IllegalStateException: x went missing")
                .contains("at org.gradus.grading.fixtures.BadSubmissions")
                .contains("Hint: Multiply x by itself.");
    }

    @Test
    void anEndlessLoopCostsItsStepAndTheRunGoesOn() {
        FixtureGrader.Run run = grade(BadSubmissions.looping());
        assertThat(run.score()).isEqualTo(5.0);
        assertThat((String) run.step("9.3").get("output")).contains("did not finish within 1 s");
    }

    @Test
    @SuppressWarnings("removal")
    void systemExitIsBlockedAndCostsItsStep() {
        // the surrounding real grading run may hold a guard of its own; the fixture run must restore it
        SecurityManager before = System.getSecurityManager();
        FixtureGrader.Run run = grade(BadSubmissions.exiting());
        assertThat(run.score()).isEqualTo(4.0);
        assertThat((String) run.step("9.1").get("output")).contains("Your code called System.exit(3)");
        assertThat(System.getSecurityManager()).as("the fixture's guard is gone after the run").isSameAs(before);
    }

    @Test
    void runningOutOfMemoryCostsItsStep() {
        FixtureGrader.Run run = grade(BadSubmissions.allocating());
        assertThat(run.score()).isEqualTo(4.0);
        assertThat((String) run.step("9.1").get("output")).startsWith("OutOfMemoryError");
    }

    @Test
    void endlessRecursionCostsItsStep() {
        FixtureGrader.Run run = grade(BadSubmissions.recursing());
        assertThat(run.score()).isEqualTo(4.0);
        assertThat((String) run.step("9.1").get("output")).startsWith("StackOverflowError");
    }

    @Test
    void studentCodeCannotSkipAStepToDropItsPoints() {
        FixtureGrader.Run run = grade(BadSubmissions.aborting());
        assertThat(run.score()).isEqualTo(4.0);
        assertThat(run.step("9.1").get("status")).isEqualTo("failed");
    }

    @Test
    void printedOrWrittenFakeResultsChangeNothing() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        FixtureGrader.Run run = grade(BadSubmissions.fakingResults(folder,
                new PrintStream(printed, true, StandardCharsets.UTF_8)));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("PASSED");
        assertThat(run.score()).isEqualTo(4.0);
        assertThat((String) run.step("9.1").get("output")).contains("expected: 9.0").contains("but was: -1.0");
    }

    @Test
    void aWrongShapeEarnsOnlyTheChecksItPasses() {
        FixtureGrader.Run run = grade(BadSubmissions.wrongShape());
        assertThat(run.step("9.2").get("score")).isEqualTo(1.0);
        assertThat((String) run.step("9.2").get("output"))
                .contains("FAILED the result has the input's shape, 2 x 2 (0/1)")
                .contains("ok     every entry is a finite number (1/1)")
                .contains("Hint: S(x) = 1 / (1 + exp(-x))");
        assertThat(run.score()).isEqualTo(4.0);
    }

    @Test
    void notANumberEarnsOnlyTheShapeCheck() {
        FixtureGrader.Run run = grade(BadSubmissions.notANumber());
        assertThat(run.step("9.2").get("score")).isEqualTo(1.0);
        assertThat((String) run.step("9.2").get("output")).contains("FAILED every entry is a finite number");
        assertThat(run.score()).isEqualTo(4.0);
    }

    @Test
    void consoleTableShowsEachStepAndWhatWentWrong() {
        FixtureGrader.Run run = grade(BadSubmissions.throwing());
        assertThat(run.console())
                .contains("Lab 9")
                .containsPattern("9\\.1 +square\\(3\\) is 9 +0 / 2 +FAILED")
                .containsPattern("9\\.2 +logistic of .* +3 / 3 +ok")
                .contains("Your code threw IllegalStateException: x went missing")
                .containsPattern("Total: 4 / 6 points, 2 of 3 tests passed");
    }
}
