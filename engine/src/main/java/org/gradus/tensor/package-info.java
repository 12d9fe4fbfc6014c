/**
 * The user-facing tensor API: the facade {@link org.gradus.tensor.T}, symbolic
 * {@link org.gradus.tensor.TensorVariable}s, constants, shared variables and run-time
 * {@link org.gradus.tensor.NDArray}s.
 */
package org.gradus.tensor;
