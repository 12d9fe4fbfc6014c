/**
 * Scalar ops: one small record per function, holding its dtype rule, Java kernel, code fragments
 * and gradient. {@link org.gradus.ops.elemwise.Elemwise} lifts them to tensors.
 */
package org.gradus.ops.scalar;
