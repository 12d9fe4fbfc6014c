package org.gradus.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.gradus.grading.fixtures.FakeLabGrading;
import org.gradus.grading.fixtures.HiddenFakeLabGrading;
import org.gradus.grading.fixtures.OtherLabGrading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which tests a run grades: -Dlab, hidden tests, and the instructor's own mistakes in a grading test. */
class RunSelectionTest {
    private static final HiddenTestsManifest ONE_HIDDEN_IN_LAB_9 =
            new HiddenTestsManifest(Map.of(9, new HiddenTestsManifest.Count(1, 1)));

    @TempDir
    Path folder;

    @Test
    void labSwitchGradesOneLabOnly() {
        FixtureGrader.Run run = FixtureGrader.grade("correct", folder, new HiddenTestsManifest(Map.of()), 8,
                FakeLabGrading.class, OtherLabGrading.class);
        assertThat(run.tests().stream().map(t -> (String) t.get("number")).toList()).containsExactly("8.1", "8.2");
        assertThat(run.maxScore()).isEqualTo(3.0);
        assertThat((String) run.document().get("output")).contains("Graded lab 8 only (-Dlab=8).");
    }

    @Test
    void labSwitchRejectsWhatIsNotALabNumber() {
        assertThatThrownBy(() -> LabFilter.selectedLab("two")).hasMessageContaining("-Dlab must be a lab number");
        assertThat(LabFilter.selectedLab(" 3 ")).isEqualTo(3);
        assertThat(LabFilter.selectedLab("")).isNull();
    }

    @Test
    void studentRunReportsHiddenTestsItDidNotRunWithoutCountingThem() {
        FixtureGrader.Run run = FixtureGrader.grade("correct", folder, ONE_HIDDEN_IN_LAB_9, null, FakeLabGrading.class);
        assertThat(run.maxScore()).isEqualTo(6.0);
        assertThat((String) run.document().get("output")).contains("1 hidden tests not run (1 points)");
        assertThat(run.console()).contains("1 hidden tests not run (1 points)");
    }

    @Test
    void instructorRunGradesHiddenTestsWithTheirVisibility() {
        FixtureGrader.Run run = FixtureGrader.grade("correct", folder, ONE_HIDDEN_IN_LAB_9, null,
                FakeLabGrading.class, HiddenFakeLabGrading.class);
        assertThat(run.maxScore()).isEqualTo(7.0);
        assertThat(run.tests()).filteredOn(t -> "after_due_date".equals(t.get("visibility"))).hasSize(1);
        assertThat((String) run.document().get("output")).contains("Instructor build: 1 hidden tests included.");
    }

    @Test
    void instructorRunSaysWhenTheHiddenTestsManifestIsStale() {
        FixtureGrader.Run run = FixtureGrader.grade("correct", folder, new HiddenTestsManifest(Map.of()), null,
                FakeLabGrading.class, HiddenFakeLabGrading.class);
        assertThat((String) run.document().get("output"))
                .contains("lists 0 hidden tests (0 points) but this run has 1 (1 points)");
    }

    @Test
    void checksThatDoNotAddUpToTheStepsPointsFailTheTest() {
        FixtureGrader.Run run = FixtureGrader.grade("correct", folder, OtherLabGrading.class);
        assertThat(run.step("8.2").get("status")).isEqualTo("failed");
        assertThat((String) run.step("8.2").get("output")).contains("grading test error");
    }
}
