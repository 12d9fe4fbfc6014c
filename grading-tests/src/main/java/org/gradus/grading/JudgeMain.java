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
    private JudgeMain() {
    }

    public static void main(String... args) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("org.gradus.grading.labs"), selectPackage("org.gradus.grading.hidden"))
                .filters(includeClassNamePatterns(".*GradingTest", ".*HiddenGrading.*", ".*Hidden.*Test"))
                .build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request);
        System.exit(0);
    }
}
