/**
 * The grading tests of the labs: one class per lab, one or more tests per step, named in the
 * student's words. Method names start with {@code stepN_} so tools can tell which step a test grades.
 */
package org.gradus.grading.labs;
