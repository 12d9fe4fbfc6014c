package org.gradus.grading;

/**
 * What a graded test fails with when student code did not return normally: it threw, ran out of
 * stack or memory, called {@code System.exit} or did not finish in time. It is an assertion error so
 * that JUnit records a plain test failure (JUnit aborts the whole run on a bare
 * {@code OutOfMemoryError}); its message is already written for the student.
 */
public final class StudentCodeFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    public StudentCodeFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
