/**
 * Hidden grading tests: compiled only in the instructor's build ({@code -DskipHiddenTests=false},
 * which the Gradescope bundle uses) and left out of the students' copy of the repository. Each class
 * carries {@link org.gradus.grading.InstructorOnly} and is counted in
 * {@code src/test/resources/grading/hidden-tests.properties}, so a student run reports
 * "N hidden tests not run".
 */
package org.gradus.grading.hidden;
