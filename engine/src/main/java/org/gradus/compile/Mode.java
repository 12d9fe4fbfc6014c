package org.gradus.compile;

import java.util.EnumSet;
import java.util.Set;
import org.gradus.rewrite.Phase;

/**
 * How a function is compiled, i.e. which phases of the rewrite pipeline run
 * ({@link org.gradus.rewrite.Pipeline}). {@link #FAST_RUN} (the default) runs every phase: merging,
 * canonicalization, numerical stabilization, specialization (gemm), elementwise fusion.
 * {@link #FAST_COMPILE} only merges equal subexpressions and folds constants. {@link #NONE} runs the
 * graph exactly as written, the reference that optimized functions are compared with. Single rewrites
 * can be added or removed by name with {@link FunctionBuilder#including} and {@link FunctionBuilder#excluding}.
 */
public enum Mode {
    FAST_RUN,
    FAST_COMPILE,
    NONE;

    /** The phases this mode runs. */
    public Set<Phase> phases() {
        switch (this) {
            case FAST_RUN:
                return EnumSet.allOf(Phase.class);
            case FAST_COMPILE:
                return EnumSet.of(Phase.MERGE);
            default:
                return EnumSet.noneOf(Phase.class);
        }
    }
}
