/**
 * The grading machinery: the {@link org.gradus.grading.Graded} annotation that gives a test its lab,
 * step, points and visibility, the {@link org.gradus.grading.GradingListener} that turns a JUnit run
 * into Gradescope's {@code results.json} and a console table, the guard that keeps untrusted student
 * code from crashing or fooling the run, and the command-line checks used by CI and the Gradescope
 * bundle.
 */
package org.gradus.grading;
