package org.gradus.grad;

import java.util.ArrayList;
import java.util.List;
import org.gradus.GradientException;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.graph.Graphs;
import org.gradus.graph.Variable;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/**
 * The Jacobian {@code J[i..., j...] = d y[i...] / d x[j...]}, of shape {@code y.shape + x.shape}.
 *
 * <p>Theano builds it with {@code scan}; here the op holds one symbolic vector-Jacobian product
 * {@code grad(sum(y * e), x)} and evaluates it once per element of {@code y} with a one-hot
 * {@code e}, so it works for any run-time length of {@code y}. The op compares by identity (it
 * owns a graph) and has no gradient of its own.
 */
final class Jacobian implements Op {
    private final TensorVariable y;
    private final TensorVariable x;
    private final TensorVariable seed;
    private final TensorVariable vectorJacobianProduct;
    private final List<TensorVariable> roots;
    private Function inner;
    private Function valueOfY;

    private Jacobian(TensorVariable y, TensorVariable x, TensorVariable seed, TensorVariable vjp,
                     List<TensorVariable> roots) {
        this.y = y;
        this.x = x;
        this.seed = seed;
        this.vectorJacobianProduct = vjp;
        this.roots = roots;
    }

    static TensorVariable of(TensorVariable y, TensorVariable x) {
        if (!y.dtype().isFloat()) {
            throw new GradientException("jacobian: the expression must have a float dtype, got " + y.describe());
        }
        TensorVariable seed = T.tensor(y.dtype(), "jacobian_seed", TensorType.unknownShape(y.dtype(), y.ndim()).shape());
        TensorVariable vjp = Gradients.grad(T.sum(T.mul(y, seed)), List.of(x), GradOptions.DEFAULT).get(0);
        List<TensorVariable> roots = new ArrayList<>();
        for (Variable v : Graphs.roots(List.of(y, vjp, x))) {
            if (v != seed && !(v instanceof TensorConstant) && !(v instanceof SharedVariable)) {
                roots.add((TensorVariable) v);
            }
        }
        return new Jacobian(y, x, seed, vjp, roots).apply(roots.toArray(new TensorVariable[0]));
    }

    @Override
    public String name() {
        return "jacobian";
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        int[] shape = new int[y.ndim() + x.ndim()];
        for (int i = 0; i < y.ndim(); i++) {
            shape[i] = y.type().dim(i);
        }
        for (int j = 0; j < x.ndim(); j++) {
            shape[y.ndim() + j] = x.type().dim(j);
        }
        return List.of(TensorType.of(x.dtype(), shape));
    }

    private synchronized Function inner() {
        if (inner == null) {
            List<TensorVariable> ins = new ArrayList<>(roots);
            ins.add(seed);
            inner = Gradus.function(ins, List.of(vectorJacobianProduct, y, x));
        }
        return inner;
    }

    /** Compiled once: the seed must have y's run-time shape, which only y's value tells. */
    private synchronized Function valueOfY() {
        if (valueOfY == null) {
            valueOfY = Gradus.function(roots, y);
        }
        return valueOfY;
    }

    private List<NDArray> evaluate(NDArray[] inputs, NDArray seedValue) {
        Object[] args = new Object[inputs.length + 1];
        System.arraycopy(inputs, 0, args, 0, inputs.length);
        args[inputs.length] = seedValue;
        return inner().callAll(args);
    }

    private NDArray zeroSeed(NDArray[] inputs) {
        int[] yShape = valueOfY().callAll((Object[]) inputs).get(0).shape();
        return NDArray.zeros(y.dtype(), yShape);
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        NDArray zero = zeroSeed(inputs);
        List<NDArray> r = evaluate(inputs, zero);
        int[] ys = r.get(1).shape();
        int[] xs = r.get(2).shape();
        int[] shape = new int[ys.length + xs.length];
        System.arraycopy(ys, 0, shape, 0, ys.length);
        System.arraycopy(xs, 0, shape, ys.length, xs.length);
        return new int[][] {shape};
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        NDArray out = outputs[0];
        NDArray e = zeroSeed(inputs);
        int rows = e.size();
        int rowSize = rows == 0 ? 0 : out.size() / rows;
        for (int i = 0; i < rows; i++) {
            e.set(i, 1);
            NDArray row = evaluate(inputs, e).get(0);
            e.set(i, 0);
            for (int j = 0; j < rowSize; j++) {
                out.set(i * rowSize + j, row.get(j));
            }
        }
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        List<TensorVariable> out = new ArrayList<>();
        for (TensorVariable in : inputs) {
            out.add(Gradients.undefined(in, "the jacobian op has no gradient; differentiate T.grad(...) instead"));
        }
        return out;
    }
}
