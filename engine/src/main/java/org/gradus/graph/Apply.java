package org.gradus.graph;

import java.util.ArrayList;
import java.util.List;
import org.gradus.ops.Op;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/**
 * One application of an {@link Op} to input variables, producing output variables. Together the
 * applies and variables form the computation graph, which is immutable once built.
 */
public final class Apply {
    private final Op op;
    private final List<TensorVariable> inputs;
    private final List<TensorVariable> outputs;
    private final SourceSite site;

    /** Creates the node and its output variables. Engine use: call {@link Op#makeNode(List)} instead. */
    public Apply(Op op, List<TensorVariable> inputs, List<TensorType> outputTypes, SourceSite site) {
        this.op = op;
        this.inputs = List.copyOf(inputs);
        this.site = site;
        List<TensorVariable> outs = new ArrayList<>(outputTypes.size());
        for (int i = 0; i < outputTypes.size(); i++) {
            outs.add(new TensorVariable(outputTypes.get(i), this, i, null, site));
        }
        this.outputs = List.copyOf(outs);
    }

    public Op op() {
        return op;
    }

    public List<TensorVariable> inputs() {
        return inputs;
    }

    public TensorVariable input(int i) {
        return inputs.get(i);
    }

    public List<TensorVariable> outputs() {
        return outputs;
    }

    public TensorVariable output(int i) {
        return outputs.get(i);
    }

    /** Where the user wrote the expression that created this node. */
    public SourceSite site() {
        return site;
    }

    @Override
    public String toString() {
        return op.name() + "(" + inputs.size() + " inputs) at " + site;
    }
}
