package org.gradus.backend.cpu.codegen;

/**
 * The base class of every generated loop. {@link #block} computes {@code len} consecutive output
 * elements: outputs are written from flat index {@code outOffset}; input {@code i} is read from
 * {@code inOffsets[i]}, moving by one per element where its innermost axis is not broadcast and
 * staying put where it is (the generated source fixes which, see {@link LoopSource}).
 *
 * <p>Arrays are the operands' live storage ({@code double[]}, {@code float[]}, {@code int[]} or
 * {@code long[]}). Every input element is read before the output elements of the same index are
 * written, so an output may share its storage with an input of the same shape (in-place execution).
 */
public abstract class FusedLoop {
    /** Computes {@code len} elements; see the class comment for the layout. */
    public abstract void block(Object[] inputs, Object[] outputs, int[] inOffsets, int outOffset, int len);
}
