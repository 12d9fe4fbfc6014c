package org.gradus.rewrite.specialize;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.elemwise.Elemwise;
import org.gradus.ops.scalar.Second;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Patterns;
import org.gradus.rewrite.Replacement;
import org.gradus.tensor.TensorVariable;

/**
 * An elementwise operand {@code fill(like, v)} (the op {@code second}, which gradients of sums and
 * means produce) gives its values {@code v} to the operation and its shape to the result, so
 * {@code f(fill(like, v), y)} becomes {@code f(v, y)} when the other operands already give the result
 * its type (elementwise ops require equal lengths, so the shape is the same), and otherwise
 * {@code fill(like, f(v, y))}: the fill moves towards the outputs, where the next rule, a reduction,
 * or {@link org.gradus.rewrite.canonicalize.FillNoOp} absorbs it. Theano's {@code local_fill_sink}. Besides doing the work on the
 * smaller {@code v}, this removes dependencies on {@code like} that exist only for its shape, so
 * the gradient of a cost no longer waits for the cost's own reduction and fuses with the forward pass.
 */
public final class FillSink implements NodeRewriter {
    @Override
    public Set<Class<? extends Op>> tracks() {
        return Patterns.ELEMWISE;
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        Elemwise op = (Elemwise) node.op();
        if (op.scalarOp() instanceof Second || node.outputs().size() != 1) {
            return Optional.empty();
        }
        TensorVariable out = node.output(0);
        for (int i = 0; i < node.inputs().size(); i++) {
            Apply fill = Patterns.owner(node.input(i), Second.class);
            if (fill == null) {
                continue;
            }
            List<TensorVariable> operands = new ArrayList<>(node.inputs());
            operands.set(i, fill.input(1));
            TensorVariable direct = op.apply(operands.toArray(TensorVariable[]::new));
            if (Patterns.compatible(out, direct)) {
                return Optional.of(Replacement.of(out, direct));
            }
            if (direct.dtype() != out.dtype() || fill.input(0).ndim() != out.ndim()) {
                continue;
            }
            TensorVariable sunk = new Elemwise(new Second()).apply(fill.input(0), direct);
            if (Patterns.compatible(out, sunk)) {
                return Optional.of(Replacement.of(out, sunk));
            }
        }
        return Optional.empty();
    }
}
