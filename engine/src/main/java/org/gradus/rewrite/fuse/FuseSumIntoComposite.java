package org.gradus.rewrite.fuse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.elemwise.Composite;
import org.gradus.ops.reduce.Reduce;
import org.gradus.ops.reduce.ReduceKind;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Replacement;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/**
 * {@code sum(c.out_k)} over all axes, where {@code out_k} is a float output of a {@link Composite}
 * read only by this sum, becomes output {@code k} of the composite marked summed: the loop adds the
 * elements up as it computes them and the array is never written. CPU only: device kernels do not
 * sum ({@link org.gradus.rewrite.Pipeline} leaves the rule out for a device backend).
 */
public final class FuseSumIntoComposite implements NodeRewriter {
    @Override
    public Set<Class<? extends Op>> tracks() {
        return Set.of(Reduce.class);
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        Reduce sum = (Reduce) node.op();
        TensorVariable x = node.input(0);
        Apply producer = x.owner();
        if (sum.kind() != ReduceKind.SUM || sum.axes().size() != x.ndim() || producer == null
                || !(producer.op() instanceof Composite)) {
            return Optional.empty();
        }
        DType d = x.dtype();
        boolean floats = (d == DType.FLOAT32 || d == DType.FLOAT64) && node.output(0).dtype() == d;
        if (!floats || !graph.hasSingleUse(x)) {
            return Optional.empty();
        }
        int k = producer.outputs().indexOf(x);
        Composite c = (Composite) producer.op();
        if (c.summed().get(k)) {
            // already a 0-d sum: sum() of it is a no-op left to other rules
            return Optional.empty();
        }
        Apply fused = c.withSummed(k).makeNode(producer.inputs());
        Map<TensorVariable, TensorVariable> pairs = new LinkedHashMap<>();
        pairs.put(node.output(0), fused.output(k));
        for (int o = 0; o < producer.outputs().size(); o++) {
            if (o != k) {
                pairs.put(producer.output(o), fused.output(o));
            }
        }
        return Optional.of(new Replacement(pairs));
    }
}
