/**
 * Generated fused loops for the CPU: each {@link org.gradus.ops.elemwise.Composite} group of a compiled
 * function becomes one Java class with one loop over typed primitive arrays ({@link LoopSource}),
 * compiled at run time in memory with the JDK's compiler, cached in memory and on disk by a hash of
 * its source ({@link LoopCompiler}, {@link DiskCache}), and run by {@link FusedKernel}, which walks
 * broadcast operands by index arithmetic outside the innermost loop and splits large loops over the
 * cores. Where no compiler is present (a bare JRE) the interpreted {@code Composite} runs instead,
 * after one logged warning.
 */
package org.gradus.backend.cpu.codegen;
