package org.gradus.rewrite.stabilize;

import org.gradus.graph.Apply;
import org.gradus.ops.nnet.LogSoftmax;
import org.gradus.ops.nnet.Softmax;
import org.gradus.ops.scalar.Log;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.TensorVariable;

/** {@code log(softmax(x))} becomes {@code logSoftmax(x)}, finite where probabilities underflow. */
public final class LogOfSoftmaxToLogSoftmax extends ElemwiseRewriter {
    public LogOfSoftmaxToLogSoftmax() {
        super(Log.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        Apply sm = Patterns.ownerOp(node.input(0), Softmax.class);
        return sm == null ? null : new LogSoftmax().apply(sm.input(0));
    }
}
