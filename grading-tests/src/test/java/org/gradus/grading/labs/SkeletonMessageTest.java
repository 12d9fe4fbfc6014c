package org.gradus.grading.labs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The skeleton check recognises the judge's not-done message, and only that. */
class SkeletonMessageTest {
    @Test
    void readsTheLabAndStepOfTheJudgesNotDoneMessage() {
        assertThat(SkeletonScoreCheck.notDoneStep("Not done yet — Lab 3, step 12: train the MLP — see lessons/lab3.adoc"))
                .containsExactly(3, 12);
        assertThat(SkeletonScoreCheck.notDoneStep("ok  shape (1/1)\nThen the test stopped early: "
                + "Not done yet — Lab 2, step 4: add the bias — see lessons/lab2.adoc")).containsExactly(2, 4);
    }

    @Test
    void rejectsOtherFailures() {
        assertThat(SkeletonScoreCheck.notDoneStep("Your code threw IllegalStateException: Lab 3, step 1: x"
                + " — see lessons/lab3.adoc")).isNull();
        assertThat(SkeletonScoreCheck.notDoneStep("Not done yet — Lab 3, step 1: x — see lessons/lab4.adoc")).isNull();
        assertThat(SkeletonScoreCheck.notDoneStep("expected: 9.0 but was: -1.0")).isNull();
    }
}
