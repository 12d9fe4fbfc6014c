package org.gradus.grading;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a grading test class that lives in {@code grading-tests/src/hidden/java}: compiled only in the
 * instructor's build ({@code -DskipHiddenTests=false}, used by the Gradescope bundle) and absent from
 * the students' copy. Its tests are counted in {@code hidden-tests.properties}, so that a student run
 * can say how many hidden tests it did not run.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface InstructorOnly {
}
