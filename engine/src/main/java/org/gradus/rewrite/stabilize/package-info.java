/** Stabilize-phase rules: numerically stable forms of sigmoids, softplus, log-softmax and cross-entropies, and their gradients. */
package org.gradus.rewrite.stabilize;
