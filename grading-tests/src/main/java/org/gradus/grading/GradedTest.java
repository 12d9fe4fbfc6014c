package org.gradus.grading;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

/**
 * One graded test as the grader sees it: where it comes from, and what its {@link Graded} annotation
 * says. Only tests compiled into {@code grading-tests/target/test-classes} count; a graded test found
 * anywhere else (say, a class a student put into {@code labs/}) is ignored.
 */
record GradedTest(String uniqueId, String className, int lab, String step, double points,
                  Visibility visibility, String displayName, String hint, boolean instructorOnly) {

    /** Orders tests by lab, then step numerically ("1.10" after "1.9"). */
    static final Comparator<GradedTest> BY_STEP = Comparator.comparingInt(GradedTest::lab)
            .thenComparing(GradedTest::step, GradedTest::compareSteps);

    /** The graded test behind a JUnit test, if it is one; a foreign or malformed one is not. */
    static Optional<GradedTest> from(String uniqueId, String displayName, Optional<TestSource> source) {
        if (source.isEmpty() || !(source.get() instanceof MethodSource methodSource)) {
            return Optional.empty();
        }
        Method method;
        try {
            method = methodSource.getJavaMethod();
        } catch (RuntimeException notLoadable) {
            return Optional.empty();
        }
        Graded graded = method.getAnnotation(Graded.class);
        if (graded == null) {
            return Optional.empty();
        }
        Class<?> testClass = methodSource.getJavaClass();
        return Optional.of(new GradedTest(uniqueId, testClass.getName(), graded.lab(), graded.step(),
                graded.points(), graded.visibility(), displayName, graded.hint(),
                testClass.isAnnotationPresent(InstructorOnly.class)));
    }

    /** Whether the class was compiled from {@code grading-tests} sources, the only trusted place. */
    static boolean isFromGradingTests(Class<?> testClass) {
        try {
            var codeSource = testClass.getProtectionDomain().getCodeSource();
            if (codeSource == null) {
                return false;
            }
            Path location = Path.of(codeSource.getLocation().toURI()).normalize();
            return location.endsWith(Path.of("grading-tests", "target", "test-classes"));
        } catch (Exception unknownLocation) {
            return false;
        }
    }

    /** Why the annotation cannot be graded as written, or empty when it is fine. */
    Optional<String> annotationProblem() {
        if (!step.matches(lab + "\\.[0-9]+")) {
            return Optional.of("grading test error: step \"" + step + "\" of " + className
                    + " must be written \"" + lab + ".<n>\" for lab " + lab);
        }
        if (!(points > 0) || Double.isInfinite(points)) {
            return Optional.of("grading test error: " + className + " gives " + points + " points; it must be positive");
        }
        return Optional.empty();
    }

    /** The name Gradescope shows, e.g. "Step 1.2: S(2) is 0.8807". */
    String gradescopeName() {
        return "Step " + step + ": " + displayName;
    }

    private static int compareSteps(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int byNumber = compareNumbers(a[i], b[i]);
            if (byNumber != 0) {
                return byNumber;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static int compareNumbers(String left, String right) {
        try {
            return Long.compare(Long.parseLong(left), Long.parseLong(right));
        } catch (NumberFormatException notNumbers) {
            return left.compareTo(right);
        }
    }
}
