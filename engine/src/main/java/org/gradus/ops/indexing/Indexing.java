package org.gradus.ops.indexing;

import org.gradus.tensor.TensorVariable;

/** PLACEHOLDER — to be completed by the indexing helper. */
public final class Indexing {
    private Indexing() {
    }

    public static TensorVariable subtensor(TensorVariable x, Object... indices) {
        throw new UnsupportedOperationException("PENDING subtensor");
    }

    public static TensorVariable setOrIncrement(TensorVariable indexed, TensorVariable value, boolean set) {
        throw new UnsupportedOperationException("PENDING setOrIncrement");
    }
}
