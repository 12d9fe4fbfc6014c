/**
 * The graph optimizer: a {@link org.gradus.rewrite.FunctionGraph} is rewritten by small named
 * {@link org.gradus.rewrite.NodeRewriter}s grouped in ordered {@link org.gradus.rewrite.Phase}s
 * (listed in {@link org.gradus.rewrite.Pipeline}), each phase run to a fixed point by the
 * {@link org.gradus.rewrite.RewriteDriver}, which records a {@link org.gradus.rewrite.RewriteLog}.
 * The rules live in one sub-package per phase.
 */
package org.gradus.rewrite;
