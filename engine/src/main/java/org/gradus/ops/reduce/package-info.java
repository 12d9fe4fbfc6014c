/** Reductions over axes: {@link org.gradus.ops.reduce.Reduce} (sum, prod, max, min) and {@link org.gradus.ops.reduce.Argmax}. */
package org.gradus.ops.reduce;
