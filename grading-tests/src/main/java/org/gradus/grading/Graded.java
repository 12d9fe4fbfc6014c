package org.gradus.grading;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit {@code @Test} method as graded: it is worth {@link #points()} points for step
 * {@link #step()} of lab {@link #lab()}. The test's {@code @DisplayName} is what the student reads,
 * so it says in plain words what is checked.
 *
 * <p>Student code called from the test body runs under {@link StudentCodeGuard}: it has
 * {@link #timeoutSeconds()} to finish, and an exception, {@code StackOverflowError},
 * {@code OutOfMemoryError} or {@code System.exit} costs this test's points only. A test that wants
 * partial credit declares a {@link PartialCredit} parameter; its checks must add up to
 * {@link #points()}.
 *
 * <pre>{@code
 * @Test
 * @DisplayName("S(2) is 0.8807 when S is compiled from the logistic expression")
 * @Graded(lab = 1, step = "1.2", points = 2, hint = "Build 1 / (1 + exp(-x)) with T.exp, then T.function.")
 * void logisticAtTwo() { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ExtendWith(StudentCodeGuard.class)
public @interface Graded {
    /** The lab number, e.g. {@code 2}. */
    int lab();

    /** The step, written {@code "<lab>.<step>"}, e.g. {@code "2.3"}. */
    String step();

    /** What the test is worth; fixed here, never computed from student code. */
    double points();

    /** When the student sees the result on Gradescope. */
    Visibility visibility() default Visibility.VISIBLE;

    /** A hint shown under the failure message, e.g. which lesson section to reread; empty for none. */
    String hint() default "";

    /** How long student code may run before the test fails as "did not finish". */
    int timeoutSeconds() default 10;
}
