package org.gradus.lab.remote;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.gradus.compile.GraphClone;
import org.gradus.tensor.TensorVariable;

/**
 * A function from one tensor to another, sent as a graph: the {@code body} built on {@code parameter}.
 * Applying it rebuilds the body on the argument (the node types are inferred again, so an elementwise
 * body applies to any rank).
 */
public record GraphOperator(TensorVariable parameter, TensorVariable body) implements UnaryOperator<TensorVariable> {

    @Override
    public TensorVariable apply(TensorVariable argument) {
        return new GraphClone(Map.of(parameter, argument)).apply(List.of(body)).get(0);
    }
}
