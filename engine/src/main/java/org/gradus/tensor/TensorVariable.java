package org.gradus.tensor;

import java.util.Map;
import org.gradus.graph.Apply;
import org.gradus.graph.SourceSite;
import org.gradus.graph.Variable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/**
 * A symbolic tensor: a function input, a constant, a shared variable or the result of an op.
 *
 * <p>The fluent methods build new graph nodes and never change this variable. Wherever an operand
 * is an {@code Object}, it may be another {@code TensorVariable}, a Java number (which takes this
 * variable's dtype when it fits, as Python numbers do in Theano), or a Java array.
 *
 * <pre>{@code
 * var x = T.matrix("x");
 * var y = x.mul(2).add(1).sum();      // sum(2 * x + 1)
 * }</pre>
 */
public class TensorVariable extends Variable {

    /** Engine use: variables are made by {@code T.scalar()} and friends, or by applying an op. */
    public TensorVariable(TensorType type, Apply owner, int index, String name, SourceSite site) {
        super(type, owner, index, name, site);
    }

    /** Sets the name shown in printed graphs and error messages, and returns this variable. */
    public TensorVariable setName(String name) {
        setNameLabel(name);
        return this;
    }

    public DType dtype() {
        return type().dtype();
    }

    public int ndim() {
        return type().ndim();
    }

    // ---------------------------------------------------------------- arithmetic

    public TensorVariable add(Object other) {
        return T.add(this, other);
    }

    public TensorVariable sub(Object other) {
        return T.sub(this, other);
    }

    public TensorVariable mul(Object other) {
        return T.mul(this, other);
    }

    /** True division; integer operands give a floatX result. */
    public TensorVariable div(Object other) {
        return T.div(this, other);
    }

    /** Floor division, like Python's {@code //}. */
    public TensorVariable intDiv(Object other) {
        return T.intDiv(this, other);
    }

    public TensorVariable mod(Object other) {
        return T.mod(this, other);
    }

    public TensorVariable pow(Object exponent) {
        return T.pow(this, exponent);
    }

    public TensorVariable neg() {
        return T.neg(this);
    }

    public TensorVariable abs() {
        return T.abs(this);
    }

    public TensorVariable sqr() {
        return T.sqr(this);
    }

    public TensorVariable exp() {
        return T.exp(this);
    }

    public TensorVariable log() {
        return T.log(this);
    }

    // ---------------------------------------------------------------- comparisons

    public TensorVariable eq(Object other) {
        return T.eq(this, other);
    }

    public TensorVariable neq(Object other) {
        return T.neq(this, other);
    }

    public TensorVariable lt(Object other) {
        return T.lt(this, other);
    }

    public TensorVariable le(Object other) {
        return T.le(this, other);
    }

    public TensorVariable gt(Object other) {
        return T.gt(this, other);
    }

    public TensorVariable ge(Object other) {
        return T.ge(this, other);
    }

    // ---------------------------------------------------------------- linear algebra and shape

    /** The matrix or vector product, as {@link T#dot}. */
    public TensorVariable dot(Object other) {
        return T.dot(this, other);
    }

    /** Reverses the axes (Theano's {@code .T}). */
    public TensorVariable transpose() {
        return T.transpose(this);
    }

    /** Reorders axes; {@code -1} inserts a new broadcastable axis (Theano's {@code 'x'}). */
    public TensorVariable dimshuffle(int... order) {
        return T.dimshuffle(this, order);
    }

    /** A view with a new shape given as Java ints (one may be -1) or a symbolic int vector. */
    public TensorVariable reshape(Object shape) {
        return T.reshape(this, shape);
    }

    /** Reshape to the given dimensions; one may be -1. */
    public TensorVariable reshape(int... shape) {
        return T.reshape(this, shape);
    }

    /** Flattens into a vector. */
    public TensorVariable flatten() {
        return T.flatten(this);
    }

    /** The symbolic shape, an int64 vector. */
    public TensorVariable shape() {
        return T.shape(this);
    }

    /** The symbolic length of one axis, an int64 scalar. */
    public TensorVariable shape(int axis) {
        return T.shape(this, axis);
    }

    public TensorVariable cast(DType dtype) {
        return T.cast(this, dtype);
    }

    // ---------------------------------------------------------------- indexing

    /**
     * Indexing, like NumPy's {@code x[...]}: each index is an int (negative counts from the end), a
     * {@link Slice} ({@code T.slice(start, stop, step)}, {@code Slice.ALL}), a symbolic int scalar,
     * or a symbolic int vector (advanced indexing, e.g. {@code p.get(T.arange(n), y)}).
     */
    public TensorVariable get(Object... indices) {
        return T.subtensor(this, indices);
    }

    // ---------------------------------------------------------------- reductions

    public TensorVariable sum() {
        return T.sum(this);
    }

    public TensorVariable sum(int... axes) {
        return T.sum(this, axes);
    }

    public TensorVariable mean() {
        return T.mean(this);
    }

    public TensorVariable mean(int... axes) {
        return T.mean(this, axes);
    }

    public TensorVariable prod() {
        return T.prod(this);
    }

    public TensorVariable max() {
        return T.max(this);
    }

    public TensorVariable max(int... axes) {
        return T.max(this, axes);
    }

    public TensorVariable min() {
        return T.min(this);
    }

    public TensorVariable min(int... axes) {
        return T.min(this, axes);
    }

    /** The flat index of the largest element. */
    public TensorVariable argmax() {
        return T.argmax(this);
    }

    public TensorVariable argmax(int axis) {
        return T.argmax(this, axis);
    }

    public TensorVariable argmin(int axis) {
        return T.argmin(this, axis);
    }

    // ---------------------------------------------------------------- evaluation

    /**
     * Compiles and runs this expression once, for quick interactive checks:
     * {@code x.mul(2).eval(Map.of(x, 3))}.
     */
    public NDArray eval(Map<? extends TensorVariable, ?> inputs) {
        return org.gradus.compile.Evaluation.eval(this, inputs);
    }

    /** Evaluates an expression that has no inputs (constants and shared variables only). */
    public NDArray eval() {
        return eval(Map.of());
    }

    /** E.g. {@code x}, or {@code <matrix float64 (?, 3)>} for an unnamed variable. */
    @Override
    public String toString() {
        if (name() != null) {
            return name();
        }
        if (owner() != null) {
            return owner().op().name() + ".out" + index();
        }
        return "<" + type().kindName() + " " + type().dtype() + " " + type().shapeString() + ">";
    }
}
