package org.gradus.rewrite;

import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.elemwise.Elemwise;
import org.gradus.ops.scalar.ScalarOp;
import org.gradus.ops.shape.DimShuffle;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/** Small matchers shared by the rules: "is this variable computed by an elementwise exp?", "is it the constant 1?". */
public final class Patterns {
    /** The tracked-op set of rules that look at elementwise nodes. */
    public static final Set<Class<? extends Op>> ELEMWISE = Set.of(Elemwise.class);

    private Patterns() {
    }

    /** Whether the node is an {@link Elemwise} of the given scalar op class. */
    public static boolean is(Apply node, Class<? extends ScalarOp> scalar) {
        return node != null && node.op() instanceof Elemwise && scalar.isInstance(((Elemwise) node.op()).scalarOp());
    }

    /** The node computing {@code v} when it is an elementwise {@code scalar}, else {@code null}. */
    public static Apply owner(TensorVariable v, Class<? extends ScalarOp> scalar) {
        Apply o = v.owner();
        return is(o, scalar) ? o : null;
    }

    /** The first reader of {@code v} that is an elementwise {@code scalar}, else {@code null}. */
    public static Apply reader(TensorVariable v, FunctionGraph graph, Class<? extends ScalarOp> scalar) {
        for (Apply c : graph.clients(v)) {
            if (is(c, scalar)) {
                return c;
            }
        }
        return null;
    }

    /** Whether {@code v} has a reader that is an elementwise {@code scalar}. */
    public static boolean hasReader(TensorVariable v, FunctionGraph graph, Class<? extends ScalarOp> scalar) {
        return reader(v, graph, scalar) != null;
    }

    /** Whether some reader {@code -x} of x has a reader that is an elementwise {@code scalar} ({@code softplus(-x)}). */
    public static boolean hasReaderOfNegation(TensorVariable x, FunctionGraph graph, Class<? extends ScalarOp> scalar) {
        for (Apply c : graph.clients(x)) {
            if (is(c, org.gradus.ops.scalar.Neg.class) && hasReader(c.output(0), graph, scalar)) {
                return true;
            }
        }
        return false;
    }

    /** The node computing {@code v} when its op is of class {@code op}, else {@code null}. */
    public static Apply ownerOp(TensorVariable v, Class<? extends Op> op) {
        Apply o = v.owner();
        return o != null && op.isInstance(o.op()) ? o : null;
    }

    /**
     * Whether {@code v} is a constant all of whose elements equal {@code value}, whatever its dtype
     * ({@code 1}, {@code 1.0} and {@code 1f} alike) and whether or not it reaches the node through
     * {@link DimShuffle}s (a scalar broadcast to {@code (1, 1)}).
     */
    public static boolean isConstant(TensorVariable v, double value) {
        TensorConstant c = underlyingConstant(v);
        if (c == null) {
            return false;
        }
        NDArray a = c.valueView();
        if (a.size() == 0) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != value) {
                return false;
            }
        }
        return true;
    }

    /** The constant that {@code v} is, or that a chain of {@link DimShuffle}s turns into {@code v}; else {@code null}. */
    public static TensorConstant underlyingConstant(TensorVariable v) {
        while (v != null && !(v instanceof TensorConstant)) {
            Apply o = v.owner();
            v = o != null && o.op() instanceof DimShuffle ? o.input(0) : null;
        }
        return (TensorConstant) v;
    }

    /**
     * {@code r} as a replacement of the output of the elementwise {@code node} whose operand it came
     * from (Theano's {@code broadcast_like}): cast to the output's float dtype, given the leading
     * broadcastable axes that a scalar-like operand added, or else broadcast with {@code fill} against
     * the node's other operands. The caller still checks {@link #compatible}.
     */
    public static TensorVariable broadcastLike(TensorVariable r, Apply node) {
        TensorVariable out = node.output(0);
        if (r.dtype() != out.dtype() && out.dtype().isFloat()) {
            r = T.cast(r, out.dtype());
        }
        if (r.ndim() < out.ndim()) {
            int[] order = new int[out.ndim()];
            int lead = out.ndim() - r.ndim();
            for (int a = 0; a < order.length; a++) {
                order[a] = a < lead ? -1 : a - lead;
            }
            TensorVariable padded = T.dimshuffle(r, order);
            if (compatible(out, padded)) {
                return padded;
            }
        }
        for (TensorVariable in : node.inputs()) {
            if (!compatible(out, r) && in != r) {
                r = T.fill(in, r);
            }
        }
        return r;
    }

    /** Same dtype, rank and broadcastable axes: a replacement of this type is safe. */
    public static boolean compatible(TensorVariable old, TensorVariable neu) {
        return FunctionGraph.compatible(old.type(), neu.type());
    }

    /** Whether the type has only length-1 axes (a scalar or a 1×1 broadcast). */
    public static boolean isScalarLike(TensorType t) {
        for (int a = 0; a < t.ndim(); a++) {
            if (t.dim(a) != 1) {
                return false;
            }
        }
        return true;
    }
}
