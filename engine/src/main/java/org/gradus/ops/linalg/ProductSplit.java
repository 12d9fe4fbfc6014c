package org.gradus.ops.linalg;

import org.gradus.backend.cpu.CpuThreads;

/**
 * How {@link NativeBlas} cuts a product over the cores: one part below the threshold, else blocks of rows of C, or
 * blocks of columns when C has few rows. Part p covers rows [rowFrom(p), rowTo(p)) and
 * columns [columnFrom(p), columnTo(p)).
 */
final class ProductSplit {
    int parts;
    /** The parts the operand copies are cut into (all cores for a big product, also when OpenBLAS threads itself). */
    int copyParts;
    boolean byRows;
    private int m;
    private int n;

    /** Cuts an m×n×k product; returns this (one per thread, reused call after call). */
    ProductSplit set(int rows, int cols, int inner) {
        m = rows;
        n = cols;
        copyParts = CpuThreads.worthSplitting((long) rows * cols * inner) ? CpuThreads.parallelism() : 1;
        parts = NativeBlas.OPENBLAS_THREADS > 1 ? 1 : copyParts;
        // each part reads all of the operand that is not split: replicate the smaller one
        byRows = rows >= 8 * parts && rows >= cols;
        return this;
    }

    int rowFrom(int part) {
        return byRows ? CpuThreads.partStart(m, parts, part, 4) : 0;
    }

    int rowTo(int part) {
        return byRows ? CpuThreads.partStart(m, parts, part + 1, 4) : m;
    }

    int columnFrom(int part) {
        return byRows ? 0 : CpuThreads.partStart(n, parts, part, 16);
    }

    int columnTo(int part) {
        return byRows ? n : CpuThreads.partStart(n, parts, part + 1, 16);
    }
}
