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
import java.util.stream.Stream;
import org.gradus.grading.judge.LabSession;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Grades a fixture lab (a source tree in {@code src/fixtures/labs/<state>}) with the fixture grading
 * tests, through the JUnit launcher and the judge, into a folder. The judge compiles the fixture and
 * runs it in runner JVMs like a student's labs; the surrounding grading run's sessions are set aside
 * meanwhile ({@link LabSession#testScope()}).
 */
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

    /** The fixture lab states, each a source tree of {@code org/gradus/labs/lab9} (and lab8 where graded). */
    static final Path FIXTURE_LABS = Path.of("src/fixtures/labs");
    /** Put into the fixtures in place of {@code @SLEEP_SECONDS@}: how a background process they start is recognised. */
    static final String SLEEP_SECONDS = "4242";
    /** The runner's heap in fixture runs: small, so a fixture that fills it fails fast. */
    private static final String FIXTURE_HEAP = "192m";
    /** On the command line of every fixture runner (and no other): how one left behind is recognised. */
    static final String FIXTURE_HEAP_FLAG = "-Xmx" + FIXTURE_HEAP;
    private static final List<String> PROPERTIES = List.of("gradus.labs.source", "gradus.judge.dir", "gradus.runner.heap");

    static Run grade(String state, Path folder, Class<?>... gradingClasses) {
        return grade(state, folder, new HiddenTestsManifest(Map.of()), null, gradingClasses);
    }

    static Run grade(String state, Path folder, HiddenTestsManifest manifest, Integer lab, Class<?>... gradingClasses) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        GradingListener listener = new GradingListener(folder, new PrintStream(console, true, StandardCharsets.UTF_8),
                lab, manifest);
        withFixture(state, folder, () -> launcher(new LabFilter(lab)).execute(request(gradingClasses), listener));
        try {
            String json = Files.readString(folder.resolve(GradingListener.RESULTS_FILE));
            return new Run(json, console.toString(StandardCharsets.UTF_8), (Map<?, ?>) Json.parse(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code body} with the judge pointed at a copy of the fixture {@code state} in {@code folder}
     * ({@code @RESULTS_FOLDER@} in it replaced by {@code folder}), then stops its runners and restores
     * the judge's setup.
     */
    static void withFixture(String state, Path folder, Runnable body) {
        Path source = copyFixture(state, folder);
        Map<String, String> saved = new java.util.HashMap<>();
        PROPERTIES.forEach(p -> saved.put(p, System.getProperty(p)));
        System.setProperty("gradus.labs.source", source.toString());
        System.setProperty("gradus.judge.dir", folder.resolve("judge").toString());
        System.setProperty("gradus.runner.heap", FIXTURE_HEAP);
        try (LabSession.TestScope scope = LabSession.testScope()) {
            body.run();
        } finally {
            saved.forEach((p, v) -> {
                if (v == null) {
                    System.clearProperty(p);
                } else {
                    System.setProperty(p, v);
                }
            });
        }
    }

    private static Path copyFixture(String state, Path folder) {
        Path from = FIXTURE_LABS.resolve(state);
        Path to = folder.resolve("fixture-src");
        if (!Files.isDirectory(from)) {
            throw new IllegalArgumentException("no fixture lab " + from.toAbsolutePath());
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.writeString(target, Files.readString(p)
                            .replace("@RESULTS_FOLDER@", folder.toAbsolutePath().toString())
                            .replace("@SLEEP_SECONDS@", SLEEP_SECONDS));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
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
