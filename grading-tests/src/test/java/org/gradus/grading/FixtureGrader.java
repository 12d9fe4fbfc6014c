package org.gradus.grading;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gradus.grading.fixtures.FakeLab;
import org.gradus.grading.fixtures.Submission;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Grades a fixture submission with the fixture grading tests, through the JUnit launcher, into a folder. */
final class FixtureGrader {
    /** What a grading run left: the results file, the console table and the parsed document. */
    record Run(String json, String console, Map<?, ?> document) {
        double score() {
            return (Double) document.get("score");
        }

        double maxScore() {
            return (Double) document.get("max_score");
        }

        /** The test entry for {@code step}, e.g. "9.2". */
        Map<?, ?> step(String step) {
            return tests().stream().filter(t -> step.equals(t.get("number"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no entry for step " + step + " in " + json));
        }

        List<Map<?, ?>> tests() {
            return ((List<?>) document.get("tests")).stream().<Map<?, ?>>map(t -> (Map<?, ?>) t).toList();
        }
    }

    private FixtureGrader() {
    }

    static Run grade(FakeLab submission, Path folder, Class<?>... gradingClasses) {
        return grade(submission, folder, new HiddenTestsManifest(Map.of()), null, gradingClasses);
    }

    static Run grade(FakeLab submission, Path folder, HiddenTestsManifest manifest, Integer lab, Class<?>... gradingClasses) {
        Submission.use(submission);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        GradingListener listener = new GradingListener(folder, new PrintStream(console, true, StandardCharsets.UTF_8),
                lab, manifest);
        launcher(new LabFilter(lab)).execute(request(gradingClasses), listener);
        try {
            String json = Files.readString(folder.resolve(GradingListener.RESULTS_FILE));
            return new Run(json, console.toString(StandardCharsets.UTF_8), (Map<?, ?>) Json.parse(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TestPlan discover(Class<?>... gradingClasses) {
        return launcher(new LabFilter(null)).discover(request(gradingClasses));
    }

    private static Launcher launcher(PostDiscoveryFilter filter) {
        return LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .addPostDiscoveryFilters(filter)
                .build());
    }

    private static LauncherDiscoveryRequest request(Class<?>... gradingClasses) {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(gradingClasses).map(c -> selectClass(c)).toList())
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .build();
    }
}
