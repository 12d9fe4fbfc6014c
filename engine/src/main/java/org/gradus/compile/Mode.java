package org.gradus.compile;

/**
 * How a function is compiled. {@link #FAST_RUN} (the default) and {@link #FAST_COMPILE} merge equal
 * subexpressions and fold constant subgraphs before building the execution plan; {@link #NONE} runs
 * the graph exactly as written, which is the reference that optimized functions are compared with.
 */
public enum Mode {
    FAST_RUN,
    FAST_COMPILE,
    NONE
}
