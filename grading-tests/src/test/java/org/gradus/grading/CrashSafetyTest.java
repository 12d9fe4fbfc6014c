package org.gradus.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gradus.grading.fixtures.FakeLabGrading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.TestPlan;

/** A JVM that dies before any test ends still leaves a valid file that fails every planned step. */
class CrashSafetyTest {
    @TempDir
    Path folder;

    @Test
    void resultsWrittenAtPlanStartReportEveryStepAsNotRun() throws Exception {
        TestPlan plan = FixtureGrader.discover(FakeLabGrading.class);
        GradingListener listener = new GradingListener(folder, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), null, new HiddenTestsManifest(Map.of()));
        listener.testPlanExecutionStarted(plan);
        try {
            String json = Files.readString(folder.resolve(GradingListener.RESULTS_FILE));
            assertThat(ResultsSchema.problems(json)).isEmpty();
            Map<?, ?> document = (Map<?, ?>) Json.parse(json);
            assertThat(document.get("score")).isEqualTo(0.0);
            assertThat(document.get("max_score")).isEqualTo(6.0);
            assertThat((List<?>) document.get("tests")).hasSize(3).allSatisfy(test -> assertThat(
                    (String) ((Map<?, ?>) test).get("output")).startsWith("Not run: the JVM stopped before this test ran"));
        } finally {
            listener.testPlanExecutionFinished(plan);
        }
    }

    @Test
    void aResultsFileForgedDuringTheRunIsReplacedByTheGradersAtItsEnd() throws Exception {
        TestPlan plan = FixtureGrader.discover(FakeLabGrading.class);
        GradingListener listener = new GradingListener(folder, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), null, new HiddenTestsManifest(Map.of()));
        Path results = folder.resolve(GradingListener.RESULTS_FILE);
        listener.testPlanExecutionStarted(plan);
        try {
            Files.writeString(results, "{\"score\": 100, \"max_score\": 100, \"tests\": []}");
        } finally {
            listener.testPlanExecutionFinished(plan);
        }
        String json = Files.readString(results);
        assertThat(ResultsSchema.problems(json)).isEmpty();
        assertThat(((Map<?, ?>) Json.parse(json)).get("score")).isEqualTo(0.0);
        assertThat(((Map<?, ?>) Json.parse(json)).get("max_score")).isEqualTo(6.0);
    }
}
