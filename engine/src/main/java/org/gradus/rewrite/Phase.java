package org.gradus.rewrite;

/**
 * The phases of the rewrite pipeline, run in declaration order; each runs its rewrites to a fixed
 * point. {@link #outputsFirst()} tells in which order a phase visits the nodes: phases that match
 * large patterns (stabilize, specialize) look at the consumers before their operands, so that a big
 * pattern is recognised before a smaller rewrite inside it changes its shape.
 */
public enum Phase {
    /** Common subexpressions, equal constants, constant folding, static shapes. */
    MERGE(false),
    /** Algebraic simplification into one canonical form: {@code x*1 -> x}, {@code neg(neg x) -> x}, ... */
    CANONICALIZE(false),
    /** Numerically stable forms: {@code 1/(1+exp(-x)) -> sigmoid(x)}, fused softmax cross-entropy, ... */
    STABILIZE(true),
    /** Faster specialised ops: gemm, gemv, integer powers as multiplications. */
    SPECIALIZE(true),
    /** Maximal groups of elementwise ops become one {@link org.gradus.ops.elemwise.Composite} loop. */
    FUSE(true),
    /**
     * Placement on a device backend (only when one is selected): supported nodes move to the device,
     * transfers are inserted at the borders and redundant ones removed.
     */
    PLACE(false),
    /**
     * Memory rewrites. No graph rule is registered: in-place elementwise execution, reuse of dead
     * intermediates and updates written into their shared variable are decided by the compiled
     * execution plan from the final schedule ({@code org.gradus.compile.MemoryPlan}), where the
     * lifetime of every buffer is known.
     */
    MEMORY(false);

    private final boolean outputsFirst;

    Phase(boolean outputsFirst) {
        this.outputsFirst = outputsFirst;
    }

    /** Whether the phase visits consumers before their operands. */
    public boolean outputsFirst() {
        return outputsFirst;
    }

    /** The lowercase name used in logs and in include/exclude lists ({@code "stabilize"}). */
    public String lowerName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
