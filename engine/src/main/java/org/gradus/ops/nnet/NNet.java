package org.gradus.ops.nnet;

import org.gradus.tensor.TensorVariable;

/** PLACEHOLDER — to be completed by the nnet helper. */
public final class NNet {
    private NNet() {
    }

    public static TensorVariable softmax(TensorVariable x) {
        throw new UnsupportedOperationException("PENDING softmax");
    }

    public static TensorVariable logSoftmax(TensorVariable x) {
        throw new UnsupportedOperationException("PENDING logSoftmax");
    }

    public static TensorVariable categoricalCrossentropy(TensorVariable p, TensorVariable t) {
        throw new UnsupportedOperationException("PENDING categoricalCrossentropy");
    }

    public static TensorVariable binaryCrossentropy(TensorVariable o, TensorVariable t) {
        throw new UnsupportedOperationException("PENDING binaryCrossentropy");
    }
}
