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
    /** Elements per tile of a staged loop ({@link LoopSource}): its staging rows stay in the L1 cache. */
    public static final int TILE = 256;
    private static final ThreadLocal<double[][]> STAGING = ThreadLocal.withInitial(() -> new double[0][]);

    /** Computes {@code len} elements; see the class comment for the layout. */
    public abstract void block(Object[] inputs, Object[] outputs, int[] inOffsets, int outOffset, int len);

    /** This thread's staging row number {@code slot} ({@value #TILE} doubles), kept across calls. */
    protected static double[] stagingRow(int slot) {
        double[][] rows = STAGING.get();
        if (slot >= rows.length) {
            double[][] grown = java.util.Arrays.copyOf(rows, slot + 1);
            for (int i = rows.length; i <= slot; i++) {
                grown[i] = new double[TILE];
            }
            STAGING.set(grown);
            rows = grown;
        }
        return rows[slot];
    }
}
