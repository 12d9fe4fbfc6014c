package org.gradus.rewrite;

import java.util.Optional;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;

/**
 * A local rewrite: the op classes it looks at, and a pure function from one node to a replacement
 * (or nothing). It must not change the graph itself; the {@link RewriteDriver} applies what it returns.
 * Its {@link #name()} (the simple class name, e.g. {@code LogOfSigmoidToSoftplus}) is what the
 * rewrite log shows and what {@code FunctionBuilder.excluding(...)} takes.
 */
public interface NodeRewriter {

    /** The op classes of the nodes this rewrite is tried on; empty means every node. */
    Set<Class<? extends Op>> tracks();

    /** The replacement for {@code node} (or for variables near it), or empty when the rule does not apply. */
    Optional<Replacement> rewrite(Apply node, FunctionGraph graph);

    /** The rule's name in logs and include/exclude lists. */
    default String name() {
        return getClass().getSimpleName();
    }
}
