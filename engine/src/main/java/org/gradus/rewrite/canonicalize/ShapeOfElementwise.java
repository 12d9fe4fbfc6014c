package org.gradus.rewrite.canonicalize;

import java.util.Optional;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.elemwise.Elemwise;
import org.gradus.ops.shape.Shape;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Replacement;
import org.gradus.tensor.TensorVariable;

/**
 * {@code shape(f(a, b))} of an elementwise result becomes {@code shape(a)} for an operand {@code a}
 * broadcast along exactly the result's broadcastable axes (elementwise ops require the other lengths
 * to agree): the shape no longer waits for {@code f}. With {@link ShapeEntryOfReduction} this is the
 * part of Theano's shape feature that lets {@code mean}'s divisor be read from the input's shape.
 */
public final class ShapeOfElementwise implements NodeRewriter {
    @Override
    public Set<Class<? extends Op>> tracks() {
        return Set.of(Shape.class);
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        TensorVariable y = node.input(0);
        Apply owner = y.owner();
        if (owner == null || !(owner.op() instanceof Elemwise)) {
            return Optional.empty();
        }
        for (TensorVariable a : owner.inputs()) {
            if (sameBroadcastAxes(a, y)) {
                TensorVariable r = new Shape().apply(a);
                return Optional.of(Replacement.of(node.output(0), r));
            }
        }
        return Optional.empty();
    }

    private static boolean sameBroadcastAxes(TensorVariable a, TensorVariable y) {
        if (a.ndim() != y.ndim()) {
            return false;
        }
        for (int axis = 0; axis < y.ndim(); axis++) {
            if (a.type().isBroadcastable(axis) != y.type().isBroadcastable(axis)) {
                return false;
            }
        }
        return true;
    }
}
