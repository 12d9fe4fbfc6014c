/**
 * Shared machinery of the CPU kernels: the one worker pool ({@link org.gradus.backend.cpu.CpuThreads})
 * that splits large kernels over the cores.
 */
package org.gradus.backend.cpu;
