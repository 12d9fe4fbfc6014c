package org.gradus.rewrite;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gradus.tensor.TensorVariable;

/**
 * What a rewrite proposes: each old variable of the graph is to be replaced by a new one. New
 * variables may be built with the ordinary {@code T.*} functions from variables of the graph; the
 * {@link FunctionGraph} gives the nodes they create the source line of the node they replace.
 */
public record Replacement(Map<TensorVariable, TensorVariable> pairs) {

    public Replacement {
        pairs = Collections.unmodifiableMap(new LinkedHashMap<>(pairs));
    }

    /** Replaces one variable. */
    public static Replacement of(TensorVariable old, TensorVariable neu) {
        Map<TensorVariable, TensorVariable> m = new LinkedHashMap<>();
        m.put(old, neu);
        return new Replacement(m);
    }

    /** The first replaced variable, which the rewrite log shows. */
    public TensorVariable firstOld() {
        return pairs.keySet().iterator().next();
    }

    /** The replacement of {@link #firstOld()}. */
    public TensorVariable firstNew() {
        return pairs.values().iterator().next();
    }
}
