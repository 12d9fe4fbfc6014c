package org.gradus.rewrite.canonicalize;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.indexing.AxisIndex;
import org.gradus.ops.indexing.Subtensor;
import org.gradus.ops.reduce.Reduce;
import org.gradus.ops.shape.Shape;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Patterns;
import org.gradus.rewrite.Replacement;
import org.gradus.tensor.TensorVariable;

/**
 * {@code shape(reduce(x, axes))[i]} becomes {@code shape(x)[j]}, {@code j} being the {@code i}-th axis of
 * {@code x} the reduction keeps: the length no longer waits for the reduction (with
 * {@link ShapeOfElementwise}, the divisor of {@code mean(sum(l, axis=1))} comes from {@code l}'s input).
 */
public final class ShapeEntryOfReduction implements NodeRewriter {
    @Override
    public Set<Class<? extends Op>> tracks() {
        return Set.of(Subtensor.class);
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        List<AxisIndex> pattern = ((Subtensor) node.op()).pattern();
        if (pattern.size() != 1 || node.inputs().size() != 1 || !pattern.get(0).point()
                || pattern.get(0).start().kind() != AxisIndex.Bound.Kind.CONSTANT) {
            return Optional.empty();
        }
        Apply shape = Patterns.ownerOp(node.input(0), Shape.class);
        Apply reduce = shape == null ? null : Patterns.ownerOp(shape.input(0), Reduce.class);
        if (reduce == null) {
            return Optional.empty();
        }
        List<Integer> axes = ((Reduce) reduce.op()).axes();
        TensorVariable x = reduce.input(0);
        int kept = x.ndim() - axes.size();
        long i = pattern.get(0).start().constant();
        if (i < 0) {
            i += kept;
        }
        if (i < 0 || i >= kept) {
            return Optional.empty();
        }
        int axis = -1;
        for (long seen = -1; seen < i; ) {
            axis++;
            if (!axes.contains(axis)) {
                seen++;
            }
        }
        TensorVariable r = new Subtensor(List.of(AxisIndex.point(AxisIndex.Bound.of(axis)))).apply(new Shape().apply(x));
        TensorVariable out = node.output(0);
        return Patterns.compatible(out, r) ? Optional.of(Replacement.of(out, r)) : Optional.empty();
    }
}
