package org.gradus.grading;

import java.lang.reflect.Method;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.gradus.grading.judge.LabSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Runs the body of a {@link Graded} test on its own thread with the test's time limit, so that an
 * endless loop, an exception, a {@code StackOverflowError}, an {@code OutOfMemoryError} or a
 * {@code System.exit} in student code fails that test only. It also hands the test its
 * {@link PartialCredit} and reports the points earned to {@link GradingListener}.
 */
public final class StudentCodeGuard implements InvocationInterceptor, ParameterResolver {
    /** The report entry through which the earned points of a partial-credit test reach the listener. */
    static final String EARNED_POINTS_KEY = "gradus.earnedPoints";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StudentCodeGuard.class);
    private static final long GRACE_MILLIS = 500;
    /** The lab's compilation and a runner's start, which do not count against the lab code's time. */
    private static final long SETUP_ALLOWANCE_MILLIS = 180_000;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PartialCredit.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Graded graded = graded(context);
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(PartialCredit.class,
                key -> new PartialCredit(graded.points()), PartialCredit.class);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        Graded graded = graded(context);
        LabSession.deadline(graded.timeoutSeconds());
        Throwable failure = runWithTimeLimit(invocation, graded.timeoutSeconds(), context.getDisplayName());
        PartialCredit credit = context.getStore(NAMESPACE).get(PartialCredit.class, PartialCredit.class);
        if (credit == null) {
            if (failure != null) {
                throw asTestFailure(failure);
            }
            return;
        }
        context.publishReportEntry(EARNED_POINTS_KEY, Double.toString(credit.earned()));
        if (failure != null) {
            String checksSoFar = credit.report().isEmpty() ? "" : credit.report() + "\nThen the test stopped early: ";
            throw new StudentCodeFailure(checksSoFar + FailureMessages.describe(failure), failure);
        }
        if (!credit.declaredExactly(graded.points())) {
            throw new AssertionError("grading test error: the checks of this test do not add up to the "
                    + graded.points() + " points that @Graded gives it");
        }
        if (!credit.allPassed()) {
            throw new AssertionError(credit.report());
        }
    }

    private static Graded graded(ExtensionContext context) {
        return context.getRequiredTestMethod().getAnnotation(Graded.class);
    }

    @SuppressWarnings({"removal", "deprecation"})
    private static Throwable runWithTimeLimit(Invocation<Void> invocation, int seconds, String name)
            throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                invocation.proceed();
            } catch (Throwable problem) {
                thrown.set(problem);
            }
        }, "graded: " + name);
        worker.setDaemon(true);
        worker.start();
        worker.join(seconds * 1000L + SETUP_ALLOWANCE_MILLIS);
        if (!worker.isAlive()) {
            return thrown.get();
        }
        worker.interrupt();
        worker.join(GRACE_MILLIS);
        if (worker.isAlive()) {
            try {
                worker.stop();  // the only way to end a loop that ignores interrupts; gone after JDK 19
            } catch (UnsupportedOperationException noThreadStop) {
                // the daemon thread keeps spinning; the run goes on without it
            }
        }
        return new TimeoutException("Your code did not finish within " + seconds + " s"
                + " (an endless loop, or a loop that never reaches its exit condition?).");
    }

    private static AssertionError asTestFailure(Throwable failure) {
        if (failure instanceof AssertionError assertion) {
            return assertion;
        }
        return new StudentCodeFailure(FailureMessages.describe(failure), failure);
    }
}
