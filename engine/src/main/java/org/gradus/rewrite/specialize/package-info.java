/** Specialize-phase rules: gemm and gemv for matrix products, multiplications for small integer powers. */
package org.gradus.rewrite.specialize;
