/**
 * Compiled functions: {@link org.gradus.compile.Function} turns a graph into an execution plan over
 * reusable buffers, applies updates to shared variables, and reports run-time errors with the
 * user's source line.
 */
package org.gradus.compile;
