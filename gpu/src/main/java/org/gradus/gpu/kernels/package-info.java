/**
 * CUDA C source generation. Every kernel is produced from a template and, for elementwise work,
 * from the scalar ops' own {@link org.gradus.ops.scalar.ScalarOp#cudaExpression} fragments, so no
 * kernel is written by hand per op or dtype. Each generator returns a {@link
 * org.gradus.gpu.kernels.KernelSource} whose text can be printed, compiled and cached.
 */
package org.gradus.gpu.kernels;
