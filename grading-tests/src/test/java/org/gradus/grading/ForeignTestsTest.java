package org.gradus.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.gradus.grading.fixtures.FakeLabGrading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Graded tests count only when compiled from grading-tests; one a student puts into labs/ is ignored. */
class ForeignTestsTest {
    private static final String STUDENT_TEST = """
            package org.gradus.labs.lab9;
            import org.gradus.grading.Graded;
            import org.junit.jupiter.api.Test;
            public class FreePointsTest {
                @Test @Graded(lab = 9, step = "9.1", points = 100)
                void alwaysPasses() { }
            }
            """;

    @TempDir
    Path folder;

    @Test
    void onlyClassesCompiledFromGradingTestsAreTrusted() {
        assertThat(GradedTest.isFromGradingTests(FakeLabGrading.class)).isTrue();
        assertThat(GradedTest.isFromGradingTests(String.class)).isFalse();
    }

    @Test
    void aGradedTestCompiledIntoLabsEarnsNothing() throws Exception {
        Path source = folder.resolve("labs/src/test/java/org/gradus/labs/lab9/FreePointsTest.java");
        Path classes = Files.createDirectories(folder.resolve("labs/target/test-classes"));
        Files.createDirectories(source.getParent());
        Files.writeString(source, STUDENT_TEST);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, new ByteArrayOutputStream(), "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), source.toString());
        assertThat(status).as("the fixture compiles").isZero();

        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader labs = new URLClassLoader(new URL[] {classes.toUri().toURL()}, previous)) {
            Thread.currentThread().setContextClassLoader(labs);
            Class<?> studentTest = labs.loadClass("org.gradus.labs.lab9.FreePointsTest");
            assertThat(GradedTest.isFromGradingTests(studentTest)).isFalse();
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            GradingListener listener = new GradingListener(folder.resolve("grading"),
                    new PrintStream(console, true, StandardCharsets.UTF_8), null, new HiddenTestsManifest(Map.of()));
            FixtureGrader.withFixture("correct", folder, () -> LauncherFactory.create(LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false).build())
                    .execute(LauncherDiscoveryRequestBuilder.request()
                            .selectors(List.of(DiscoverySelectors.selectClass(studentTest),
                                    DiscoverySelectors.selectClass(FakeLabGrading.class))).build(), listener));
            String json = Files.readString(folder.resolve("grading").resolve(GradingListener.RESULTS_FILE));
            assertThat(((Map<?, ?>) Json.parse(json)).get("max_score")).isEqualTo(6.0);
            assertThat(((Map<?, ?>) Json.parse(json)).get("score")).as(json).isEqualTo(6.0);
            assertThat(json).contains("Ignored a graded test outside grading-tests: org.gradus.labs.lab9.FreePointsTest");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    void surefireScansOnlyTheGradingTestClasses() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        assertThat(pom).doesNotContain("dependenciesToScan").doesNotContain("testClassesDirectory");
    }
}
