package org.gradus.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.gradus.grading.ResultsCheck.Expectation;
import org.gradus.grading.fixtures.FakeLabGrading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CI check: full marks for the solution, zero with each step's own message for the skeleton. */
class ResultsCheckTest {
    @TempDir
    Path folder;

    @Test
    void solutionIsFullAndNotZero() {
        String json = FixtureGrader.grade("correct", folder, FakeLabGrading.class).json();
        assertThat(ResultsCheck.problems(json, Expectation.FULL)).isEmpty();
        assertThat(ResultsCheck.problems(json, Expectation.ZERO)).hasSize(3)
                .allMatch(problem -> problem.endsWith("earned points against the skeleton"));
    }

    @Test
    void skeletonIsZeroWithEveryStepsOwnMessage() {
        String json = FixtureGrader.grade("not-done", folder, FakeLabGrading.class).json();
        assertThat(ResultsCheck.problems(json, Expectation.ZERO)).isEmpty();
        assertThat(ResultsCheck.problems(json, Expectation.FULL)).hasSize(3);
    }

    @Test
    void aFailureThatDoesNotNameItsStepIsNotTheSkeletonsMessage() {
        String json = FixtureGrader.grade("throws", folder, FakeLabGrading.class).json()
                .replace("x went missing", "Lab 9, step 2: not done yet");
        assertThat(ResultsCheck.problems(json, Expectation.ZERO))
                .anyMatch(problem -> problem.startsWith("Step 9.1: square(3) is 9 does not fail with its own step's message"));
    }

    @Test
    void stepNamesAreMatchedAsWholeNumbers() {
        assertThat(ResultsCheck.namesItsStep("1.3", "Lab 1, step 3: build the gradient")).isTrue();
        assertThat(ResultsCheck.namesItsStep("1.3", "lab 1 step 1.3 is not done yet")).isTrue();
        assertThat(ResultsCheck.namesItsStep("1.3", "Lab 1, step 31: not done yet")).isFalse();
        assertThat(ResultsCheck.namesItsStep("1.3", "Lab 12, step 3: not done yet")).isFalse();
        assertThat(ResultsCheck.namesItsStep("1.3", "Not done yet — Lab 1, step 3: build S — see lessons/lab1.adoc")).isTrue();
        assertThat(ResultsCheck.namesItsStep("1.3", "Not done yet — Lab 1, step 2: build S — see lessons/lab1.adoc")).isFalse();
    }
}
