/**
 * Specialize-phase rules: gemm and gemv for matrix products, multiplications for small integer powers,
 * shared softplus tails, and fills sunk towards the outputs (after stabilization, whose patterns see
 * the fills as the gradient built them) so that fusion sees the loops it can merge.
 */
package org.gradus.rewrite.specialize;
