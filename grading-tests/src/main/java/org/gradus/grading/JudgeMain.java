package org.gradus.grading;

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The judge as a program, for autograders ({@code run_autograder}): runs the graded tests (visible
 * and hidden) on the JUnit Platform with the {@link GradingListener}, without Maven, so grading needs
 * no build tool and no network. The lab sources, the runner's class path and the results folder come
 * from the system properties {@code gradus.labs.source}, {@code gradus.runner.classpath} and
 * {@code gradus.grading.dir}; lab code runs only in runner JVMs.
 */
public final class JudgeMain {
    /** The packages of graded tests to run (comma-separated); the grader's own tests point it at fixtures. */
    public static final String PACKAGES_PROPERTY = "gradus.judge.packages";

    private JudgeMain() {
    }

    public static void main(String... args) {
        String packages = System.getProperty(PACKAGES_PROPERTY, "org.gradus.grading.labs,org.gradus.grading.hidden");
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(java.util.Arrays.stream(packages.split(",")).map(String::strip)
                        .map(p -> selectPackage(p)).toList())
                .filters(includeClassNamePatterns(".*GradingTest", ".*Grading"))
                .build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request);
        System.exit(0);
    }
}
