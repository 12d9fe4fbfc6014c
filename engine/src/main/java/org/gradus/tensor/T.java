package org.gradus.tensor;

import java.util.Arrays;
import java.util.List;
import org.gradus.Config;
import org.gradus.DTypeException;
import org.gradus.grad.GradOptions;
import org.gradus.grad.Gradients;
import org.gradus.ops.elemwise.Elemwise;
import org.gradus.ops.indexing.Indexing;
import org.gradus.ops.linalg.Dot;
import org.gradus.ops.nnet.NNet;
import org.gradus.ops.reduce.Argmax;
import org.gradus.ops.reduce.Reduce;
import org.gradus.ops.reduce.ReduceKind;
import org.gradus.ops.scalar.Abs;
import org.gradus.ops.scalar.Add;
import org.gradus.ops.scalar.And;
import org.gradus.ops.scalar.Cast;
import org.gradus.ops.scalar.Clip;
import org.gradus.ops.scalar.Eq;
import org.gradus.ops.scalar.Exp;
import org.gradus.ops.scalar.Expm1;
import org.gradus.ops.scalar.Ge;
import org.gradus.ops.scalar.Gt;
import org.gradus.ops.scalar.IntDiv;
import org.gradus.ops.scalar.Le;
import org.gradus.ops.scalar.Log;
import org.gradus.ops.scalar.Log1p;
import org.gradus.ops.scalar.Lt;
import org.gradus.ops.scalar.Maximum;
import org.gradus.ops.scalar.Minimum;
import org.gradus.ops.scalar.Mod;
import org.gradus.ops.scalar.Mul;
import org.gradus.ops.scalar.Neg;
import org.gradus.ops.scalar.Neq;
import org.gradus.ops.scalar.Not;
import org.gradus.ops.scalar.Or;
import org.gradus.ops.scalar.Pow;
import org.gradus.ops.scalar.Relu;
import org.gradus.ops.scalar.ScalarOp;
import org.gradus.ops.scalar.Second;
import org.gradus.ops.scalar.Sgn;
import org.gradus.ops.scalar.Sigmoid;
import org.gradus.ops.scalar.Softplus;
import org.gradus.ops.scalar.Sqr;
import org.gradus.ops.scalar.Sqrt;
import org.gradus.ops.scalar.Sub;
import org.gradus.ops.scalar.Switch;
import org.gradus.ops.scalar.Tanh;
import org.gradus.ops.scalar.TrueDiv;
import org.gradus.ops.shape.Alloc;
import org.gradus.ops.shape.DimShuffle;
import org.gradus.ops.shape.Reshape;
import org.gradus.ops.shape.Shape;
import org.gradus.ops.shape.Shapes;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/**
 * The tensor facade, Theano's {@code theano.tensor}: symbolic variable constructors, constants, and
 * every op as a static function.
 *
 * <pre>{@code
 * var x = T.scalar("x");
 * var s = T.constant(1).div(T.constant(1).add(T.exp(x.neg())));   // 1 / (1 + exp(-x))
 * var g = T.grad(s, x);
 * }</pre>
 *
 * Operands typed {@code Object} accept a {@link TensorVariable}, a Java number or boolean, a Java
 * array, or an {@link NDArray}.
 */
public final class T {
    private static final int U = TensorType.UNKNOWN;

    private T() {
    }

    // ================================================================ variables

    /** A floatX scalar input. */
    public static TensorVariable scalar() {
        return tensor(floatX(), (String) null);
    }

    public static TensorVariable scalar(String name) {
        return tensor(floatX(), name);
    }

    /** A floatX vector input of unknown length. */
    public static TensorVariable vector() {
        return tensor(floatX(), (String) null, U);
    }

    public static TensorVariable vector(String name) {
        return tensor(floatX(), name, U);
    }

    /** A floatX matrix input of unknown shape. */
    public static TensorVariable matrix() {
        return tensor(floatX(), (String) null, U, U);
    }

    public static TensorVariable matrix(String name) {
        return tensor(floatX(), name, U, U);
    }

    public static TensorVariable tensor3() {
        return tensor(floatX(), (String) null, U, U, U);
    }

    public static TensorVariable tensor3(String name) {
        return tensor(floatX(), name, U, U, U);
    }

    public static TensorVariable tensor4() {
        return tensor(floatX(), (String) null, U, U, U, U);
    }

    public static TensorVariable tensor4(String name) {
        return tensor(floatX(), name, U, U, U, U);
    }

    public static TensorVariable iscalar(String name) {
        return tensor(DType.INT32, name);
    }

    public static TensorVariable ivector(String name) {
        return tensor(DType.INT32, name, U);
    }

    public static TensorVariable imatrix(String name) {
        return tensor(DType.INT32, name, U, U);
    }

    public static TensorVariable lscalar(String name) {
        return tensor(DType.INT64, name);
    }

    public static TensorVariable lvector(String name) {
        return tensor(DType.INT64, name, U);
    }

    public static TensorVariable fscalar(String name) {
        return tensor(DType.FLOAT32, name);
    }

    public static TensorVariable fvector(String name) {
        return tensor(DType.FLOAT32, name, U);
    }

    public static TensorVariable fmatrix(String name) {
        return tensor(DType.FLOAT32, name, U, U);
    }

    public static TensorVariable dscalar(String name) {
        return tensor(DType.FLOAT64, name);
    }

    public static TensorVariable dvector(String name) {
        return tensor(DType.FLOAT64, name, U);
    }

    public static TensorVariable dmatrix(String name) {
        return tensor(DType.FLOAT64, name, U, U);
    }

    public static TensorVariable iscalar() {
        return iscalar(null);
    }

    public static TensorVariable ivector() {
        return ivector(null);
    }

    public static TensorVariable imatrix() {
        return imatrix(null);
    }

    public static TensorVariable lscalar() {
        return lscalar(null);
    }

    public static TensorVariable lvector() {
        return lvector(null);
    }

    public static TensorVariable fscalar() {
        return fscalar(null);
    }

    public static TensorVariable fvector() {
        return fvector(null);
    }

    public static TensorVariable fmatrix() {
        return fmatrix(null);
    }

    public static TensorVariable dscalar() {
        return dscalar(null);
    }

    public static TensorVariable dvector() {
        return dvector(null);
    }

    public static TensorVariable dmatrix() {
        return dmatrix(null);
    }

    /**
     * An input of any dtype and static shape: each entry of {@code shape} is a known length,
     * {@code 1} (broadcastable) or {@link TensorType#UNKNOWN}.
     */
    public static TensorVariable tensor(DType dtype, String name, int... shape) {
        return new TensorVariable(TensorType.of(dtype, shape), null, 0, name, org.gradus.graph.SourceSite.capture());
    }

    /** An unnamed input of the given dtype and static shape. */
    public static TensorVariable tensor(DType dtype, int... shape) {
        return tensor(dtype, null, shape);
    }

    private static DType floatX() {
        return Config.get().floatX();
    }

    // ================================================================ constants and conversion

    /**
     * A constant. Java {@code double}s (and arrays of them) become floatX; a plain number is a weak
     * constant that adapts to the dtype of the tensors it is combined with.
     */
    public static TensorConstant constant(Object value) {
        return constant(value, null, null);
    }

    /** A constant of an explicit dtype. */
    public static TensorConstant constant(Object value, DType dtype) {
        return constant(value, dtype, null);
    }

    /** A named constant of an explicit dtype ({@code null} for the natural one). */
    public static TensorConstant constant(Object value, DType dtype, String name) {
        if (value instanceof TensorConstant) {
            TensorConstant c = (TensorConstant) value;
            return dtype == null || dtype == c.dtype() ? c : new TensorConstant(c.valueView().astype(dtype), false, name);
        }
        if (value instanceof TensorVariable) {
            throw new IllegalArgumentException("T.constant needs a value, got the symbolic variable " + value);
        }
        boolean plainNumber = value instanceof Number || value instanceof Boolean;
        DType target = dtype;
        if (target == null) {
            NDArray natural = NDArray.fromJava(value, null);
            target = natural.dtype() == DType.FLOAT64 && !(value instanceof NDArray) ? floatX() : natural.dtype();
        }
        return new TensorConstant(NDArray.fromJava(value, target), plainNumber && dtype == null, name);
    }

    /** Converts an operand to a tensor: variables pass through, values become constants. */
    public static TensorVariable asTensor(Object value) {
        if (value instanceof TensorVariable) {
            return (TensorVariable) value;
        }
        checkConvertible(value);
        return constant(value);
    }

    private static void checkConvertible(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("an operand is null; expected a TensorVariable, a number or an array");
        }
        if (!(value instanceof Number || value instanceof Boolean || value instanceof NDArray
                || value.getClass().isArray())) {
            throw new IllegalArgumentException("cannot use a " + value.getClass().getSimpleName()
                    + " as a tensor operand; expected a TensorVariable, a number, a Java array or an NDArray");
        }
    }

    // ================================================================ elementwise

    /** Applies a scalar op elementwise with broadcasting. */
    public static TensorVariable elemwise(ScalarOp op, Object... operands) {
        TensorVariable[] vars = new TensorVariable[operands.length];
        for (int i = 0; i < operands.length; i++) {
            vars[i] = asTensor(operands[i]);
        }
        // a weak float constant computes in the dtype it adopts (NumPy 2's rule): x.mul(0.01) on a
        // float32 x multiplies by 0.01f, so the loop stays in float arithmetic
        List<DType> adopted = Elemwise.operandDTypes(Arrays.asList(vars));
        for (int i = 0; i < vars.length; i++) {
            if (vars[i] instanceof TensorConstant && ((TensorConstant) vars[i]).isWeak()
                    && vars[i].type().dtype().kind() == DType.Kind.FLOAT && adopted.get(i).kind() == DType.Kind.FLOAT && adopted.get(i) != vars[i].type().dtype()) {
                TensorConstant c = (TensorConstant) vars[i];
                vars[i] = new TensorConstant(c.valueView().astype(adopted.get(i)), true, c.name());
            }
        }
        return new Elemwise(op).apply(vars);
    }

    public static TensorVariable add(Object x, Object y) {
        return elemwise(new Add(), x, y);
    }

    public static TensorVariable sub(Object x, Object y) {
        return elemwise(new Sub(), x, y);
    }

    public static TensorVariable mul(Object x, Object y) {
        return elemwise(new Mul(), x, y);
    }

    /** True division {@code x / y}; integer operands give floatX. */
    public static TensorVariable div(Object x, Object y) {
        return elemwise(new TrueDiv(), x, y);
    }

    /** Floor division {@code x // y}. */
    public static TensorVariable intDiv(Object x, Object y) {
        return elemwise(new IntDiv(), x, y);
    }

    /** Remainder with the divisor's sign, Python's {@code x % y}. */
    public static TensorVariable mod(Object x, Object y) {
        return elemwise(new Mod(), x, y);
    }

    public static TensorVariable pow(Object x, Object y) {
        return elemwise(new Pow(), x, y);
    }

    public static TensorVariable neg(Object x) {
        return elemwise(new Neg(), x);
    }

    public static TensorVariable abs(Object x) {
        return elemwise(new Abs(), x);
    }

    /** The sign: -1, 0 or 1. */
    public static TensorVariable sgn(Object x) {
        return elemwise(new Sgn(), x);
    }

    public static TensorVariable exp(Object x) {
        return elemwise(new Exp(), x);
    }

    public static TensorVariable log(Object x) {
        return elemwise(new Log(), x);
    }

    public static TensorVariable log1p(Object x) {
        return elemwise(new Log1p(), x);
    }

    public static TensorVariable expm1(Object x) {
        return elemwise(new Expm1(), x);
    }

    public static TensorVariable sqrt(Object x) {
        return elemwise(new Sqrt(), x);
    }

    public static TensorVariable sqr(Object x) {
        return elemwise(new Sqr(), x);
    }

    public static TensorVariable tanh(Object x) {
        return elemwise(new Tanh(), x);
    }

    /** The logistic function {@code 1 / (1 + exp(-x))} (Theano's {@code T.nnet.sigmoid}). */
    public static TensorVariable sigmoid(Object x) {
        return elemwise(new Sigmoid(), x);
    }

    /** {@code log(1 + exp(x))}, without overflow. */
    public static TensorVariable softplus(Object x) {
        return elemwise(new Softplus(), x);
    }

    public static TensorVariable relu(Object x) {
        return elemwise(new Relu(), x);
    }

    public static TensorVariable maximum(Object x, Object y) {
        return elemwise(new Maximum(), x, y);
    }

    public static TensorVariable minimum(Object x, Object y) {
        return elemwise(new Minimum(), x, y);
    }

    /** {@code x} limited to {@code [low, high]}. */
    public static TensorVariable clip(Object x, Object low, Object high) {
        return elemwise(new Clip(), x, low, high);
    }

    public static TensorVariable eq(Object x, Object y) {
        return elemwise(new Eq(), x, y);
    }

    public static TensorVariable neq(Object x, Object y) {
        return elemwise(new Neq(), x, y);
    }

    public static TensorVariable lt(Object x, Object y) {
        return elemwise(new Lt(), x, y);
    }

    public static TensorVariable le(Object x, Object y) {
        return elemwise(new Le(), x, y);
    }

    public static TensorVariable gt(Object x, Object y) {
        return elemwise(new Gt(), x, y);
    }

    public static TensorVariable ge(Object x, Object y) {
        return elemwise(new Ge(), x, y);
    }

    public static TensorVariable and(Object x, Object y) {
        return elemwise(new And(), x, y);
    }

    public static TensorVariable or(Object x, Object y) {
        return elemwise(new Or(), x, y);
    }

    public static TensorVariable not(Object x) {
        return elemwise(new Not(), x);
    }

    /** {@code cond ? a : b} elementwise (Theano's {@code switch}). */
    public static TensorVariable where(Object cond, Object a, Object b) {
        return elemwise(new Switch(), cond, a, b);
    }

    /** Converts to another dtype; a no-op when the dtype already matches. */
    public static TensorVariable cast(Object x, DType dtype) {
        TensorVariable v = asTensor(x);
        return v.dtype() == dtype ? v : elemwise(new Cast(dtype), v);
    }

    /** {@code value} broadcast to the shape of {@code like} (Theano's {@code fill}/{@code second}). */
    public static TensorVariable fill(Object like, Object value) {
        return elemwise(new Second(), like, value);
    }

    /** Zeros of the same shape and dtype as {@code x}. */
    public static TensorVariable zerosLike(Object x) {
        TensorVariable v = asTensor(x);
        return fill(v, constant(0, v.dtype()));
    }

    /** Ones of the same shape and dtype as {@code x}. */
    public static TensorVariable onesLike(Object x) {
        TensorVariable v = asTensor(x);
        return fill(v, constant(1, v.dtype()));
    }

    // ================================================================ reductions

    /** The sum of all elements. */
    public static TensorVariable sum(Object x) {
        return reduce(ReduceKind.SUM, asTensor(x), null, false);
    }

    /** The sum over the given axes (negative axes count from the end). */
    public static TensorVariable sum(Object x, int... axes) {
        return reduce(ReduceKind.SUM, asTensor(x), axes, false);
    }

    /** The sum over the given axes, optionally keeping them as axes of length 1. */
    public static TensorVariable sum(Object x, int[] axes, boolean keepDims) {
        return reduce(ReduceKind.SUM, asTensor(x), axes, keepDims);
    }

    public static TensorVariable prod(Object x) {
        return reduce(ReduceKind.PROD, asTensor(x), null, false);
    }

    public static TensorVariable prod(Object x, int[] axes, boolean keepDims) {
        return reduce(ReduceKind.PROD, asTensor(x), axes, keepDims);
    }

    public static TensorVariable max(Object x) {
        return reduce(ReduceKind.MAX, asTensor(x), null, false);
    }

    public static TensorVariable max(Object x, int... axes) {
        return reduce(ReduceKind.MAX, asTensor(x), axes, false);
    }

    public static TensorVariable max(Object x, int[] axes, boolean keepDims) {
        return reduce(ReduceKind.MAX, asTensor(x), axes, keepDims);
    }

    public static TensorVariable min(Object x) {
        return reduce(ReduceKind.MIN, asTensor(x), null, false);
    }

    public static TensorVariable min(Object x, int... axes) {
        return reduce(ReduceKind.MIN, asTensor(x), axes, false);
    }

    public static TensorVariable min(Object x, int[] axes, boolean keepDims) {
        return reduce(ReduceKind.MIN, asTensor(x), axes, keepDims);
    }

    /** The mean of all elements; integer inputs give floatX. */
    public static TensorVariable mean(Object x) {
        return mean(x, null, false);
    }

    public static TensorVariable mean(Object x, int... axes) {
        return mean(x, axes, false);
    }

    public static TensorVariable mean(Object x, int[] axes, boolean keepDims) {
        TensorVariable v = asTensor(x);
        int[] ax = normalizeAxes(v, axes);
        TensorVariable total = reduce(ReduceKind.SUM, v, ax, keepDims);
        TensorVariable count = constant(1L, DType.INT64);
        for (int a : ax) {
            count = mul(count, shape(v, a));
        }
        DType d = v.dtype().isFloat() ? v.dtype() : floatX();
        return cast(div(total, cast(count, d)), d);
    }

    /** The flat index of the largest element. */
    public static TensorVariable argmax(Object x) {
        TensorVariable v = asTensor(x);
        return new Argmax(axesList(normalizeAxes(v, null)), true).apply(v);
    }

    /** The index of the largest element along one axis. */
    public static TensorVariable argmax(Object x, int axis) {
        TensorVariable v = asTensor(x);
        return new Argmax(axesList(normalizeAxes(v, new int[] {axis})), true).apply(v);
    }

    public static TensorVariable argmin(Object x) {
        TensorVariable v = asTensor(x);
        return new Argmax(axesList(normalizeAxes(v, null)), false).apply(v);
    }

    public static TensorVariable argmin(Object x, int axis) {
        TensorVariable v = asTensor(x);
        return new Argmax(axesList(normalizeAxes(v, new int[] {axis})), false).apply(v);
    }

    private static TensorVariable reduce(ReduceKind kind, TensorVariable x, int[] axes, boolean keepDims) {
        int[] ax = normalizeAxes(x, axes);
        TensorVariable r = new Reduce(kind, axesList(ax)).apply(x);
        if (keepDims) {
            int[] order = new int[x.ndim()];
            int k = 0;
            for (int i = 0; i < order.length; i++) {
                order[i] = contains(ax, i) ? -1 : k++;
            }
            r = dimshuffle(r, order);
        }
        return r;
    }

    /** Sorted, non-negative, distinct axes; {@code null} means all axes. */
    static int[] normalizeAxes(TensorVariable x, int[] axes) {
        int n = x.ndim();
        if (axes == null) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int a = axes[i] < 0 ? axes[i] + n : axes[i];
            if (a < 0 || a >= n) {
                throw new org.gradus.ShapeException("axis " + axes[i] + " is out of range for " + x.describe());
            }
            out[i] = a;
        }
        Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) {
                throw new org.gradus.ShapeException("axis " + out[i] + " is given twice");
            }
        }
        return out;
    }

    private static List<Integer> axesList(int[] axes) {
        return Arrays.stream(axes).boxed().collect(java.util.stream.Collectors.toList());
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    // ================================================================ linear algebra and shape

    /**
     * NumPy's {@code dot}: inner product of vectors, matrix-vector, vector-matrix and matrix-matrix
     * products; a scalar operand gives the elementwise product.
     */
    public static TensorVariable dot(Object x, Object y) {
        TensorVariable a = asTensor(x);
        TensorVariable b = asTensor(y);
        if (a.ndim() == 0 || b.ndim() == 0) {
            return mul(a, b);
        }
        return new Dot().apply(a, b);
    }

    /** The outer product of two vectors. */
    public static TensorVariable outer(Object x, Object y) {
        TensorVariable a = asTensor(x);
        TensorVariable b = asTensor(y);
        if (a.ndim() != 1 || b.ndim() != 1) {
            throw new org.gradus.ShapeException("outer needs two vectors, got " + a.describe() + " and " + b.describe());
        }
        return mul(dimshuffle(a, 0, -1), dimshuffle(b, -1, 0));
    }

    /** Reverses the axes. */
    public static TensorVariable transpose(Object x) {
        TensorVariable v = asTensor(x);
        int[] order = new int[v.ndim()];
        for (int i = 0; i < order.length; i++) {
            order[i] = order.length - 1 - i;
        }
        return dimshuffle(v, order);
    }

    /** Reorders axes; {@code -1} inserts a broadcastable axis. The identity order returns {@code x}. */
    public static TensorVariable dimshuffle(Object x, int... order) {
        TensorVariable v = asTensor(x);
        boolean identity = order.length == v.ndim();
        for (int i = 0; i < order.length && identity; i++) {
            identity = order[i] == i;
        }
        return identity ? v : new DimShuffle(Arrays.stream(order).boxed().collect(java.util.stream.Collectors.toList())).apply(v);
    }

    /** A new shape: Java ints (one may be -1) or a symbolic int vector. */
    public static TensorVariable reshape(Object x, Object shape) {
        TensorVariable v = asTensor(x);
        TensorVariable s = shapeVector(shape);
        int ndim = s.type().dim(0);
        if (ndim == TensorType.UNKNOWN) {
            throw new org.gradus.ShapeException("reshape: the number of axes of the new shape must be known; pass "
                    + "Java ints or a vector of static length");
        }
        return new Reshape(ndim).apply(v, s);
    }

    public static TensorVariable reshape(Object x, int... shape) {
        return reshape(x, (Object) shape);
    }

    /** Flattens into a vector. */
    public static TensorVariable flatten(Object x) {
        return flatten(x, 1);
    }

    /** Keeps the first {@code ndim - 1} axes and flattens the rest into the last one. */
    public static TensorVariable flatten(Object x, int ndim) {
        return Shapes.flatten(asTensor(x), ndim);
    }

    /** The run-time shape as an int64 vector. */
    public static TensorVariable shape(Object x) {
        return new Shape().apply(asTensor(x));
    }

    /** The run-time length of one axis as an int64 scalar; a known static length gives a constant. */
    public static TensorVariable shape(Object x, int axis) {
        TensorVariable v = asTensor(x);
        int a = normalizeAxes(v, new int[] {axis})[0];
        if (v.type().dim(a) != TensorType.UNKNOWN) {
            return constant((long) v.type().dim(a), DType.INT64);
        }
        return subtensor(shape(v), a);
    }

    /** Converts Java ints, an int array or an int vector variable into a symbolic int64 shape vector. */
    static TensorVariable shapeVector(Object shape) {
        if (shape instanceof TensorVariable) {
            TensorVariable s = (TensorVariable) shape;
            if (s.ndim() != 1 || !s.dtype().isInteger()) {
                throw new DTypeException("a shape must be an integer vector, got " + s.describe());
            }
            return s;
        }
        if (shape instanceof int[]) {
            long[] l = Arrays.stream((int[]) shape).asLongStream().toArray();
            return constant(l, DType.INT64);
        }
        if (shape instanceof long[]) {
            return constant(shape, DType.INT64);
        }
        if (shape instanceof Integer || shape instanceof Long) {
            return constant(new long[] {((Number) shape).longValue()}, DType.INT64);
        }
        if (shape instanceof Object[]) {
            return Shapes.stackScalars((Object[]) shape);
        }
        throw new IllegalArgumentException("cannot use " + shape + " as a shape; pass int[] or an integer vector");
    }

    /** A tensor of zeros of floatX; the shape is Java ints or a symbolic int vector. */
    public static TensorVariable zeros(Object shape) {
        return alloc(constant(0.0, floatX()), shape);
    }

    public static TensorVariable zeros(Object shape, DType dtype) {
        return alloc(constant(0, dtype), shape);
    }

    public static TensorVariable ones(Object shape) {
        return alloc(constant(1.0, floatX()), shape);
    }

    public static TensorVariable ones(Object shape, DType dtype) {
        return alloc(constant(1, dtype), shape);
    }

    /** A tensor filled with a scalar value; the shape is Java ints or a symbolic int vector. */
    public static TensorVariable alloc(Object value, Object shape) {
        TensorVariable s = shapeVector(shape);
        int ndim = s.type().dim(0);
        if (ndim == TensorType.UNKNOWN) {
            throw new org.gradus.ShapeException("alloc: the number of axes of the shape must be known");
        }
        return new Alloc(ndim).apply(asTensor(value), s);
    }

    /** Joins tensors along an existing axis. */
    public static TensorVariable concatenate(List<?> tensors, int axis) {
        return Shapes.concatenate(tensors, axis);
    }

    /** Stacks tensors of equal shape along a new axis. */
    public static TensorVariable stack(List<?> tensors, int axis) {
        return Shapes.stack(tensors, axis);
    }

    /** The integers {@code 0, 1, ..., stop - 1} (int64); {@code stop} may be symbolic, e.g. {@code x.shape(0)}. */
    public static TensorVariable arange(Object stop) {
        return Shapes.arange(0, stop, 1);
    }

    /** {@code start, start + step, ...} below {@code stop}; bounds may be symbolic int scalars. */
    public static TensorVariable arange(Object start, Object stop, Object step) {
        return Shapes.arange(start, stop, step);
    }

    /** The identity matrix of size {@code n} (floatX); {@code n} may be symbolic. */
    public static TensorVariable eye(Object n) {
        return Shapes.eye(n, floatX());
    }

    // ================================================================ indexing

    /** NumPy indexing; see {@link TensorVariable#get}. */
    public static TensorVariable subtensor(Object x, Object... indices) {
        return Indexing.subtensor(asTensor(x), indices);
    }

    /** The slice {@code start:stop:step}; bounds may be {@code null}, ints or symbolic int scalars. */
    public static Slice slice(Object start, Object stop, Object step) {
        return new Slice(start, stop, step);
    }

    /** The slice {@code start:stop}. */
    public static Slice slice(Object start, Object stop) {
        return new Slice(start, stop, null);
    }

    /**
     * {@code x} with the region that {@code indexed} selects from it replaced by {@code value}, where
     * {@code indexed} is {@code x.get(...)} (Theano's {@code set_subtensor(x[idx], value)}).
     */
    public static TensorVariable setSubtensor(TensorVariable indexed, Object value) {
        return Indexing.setOrIncrement(indexed, asTensor(value), true);
    }

    /** Like {@link #setSubtensor}, but adds {@code value} to the selected region. */
    public static TensorVariable incSubtensor(TensorVariable indexed, Object value) {
        return Indexing.setOrIncrement(indexed, asTensor(value), false);
    }

    // ================================================================ neural networks

    /** Row-wise softmax of a matrix (or of a vector). */
    public static TensorVariable softmax(Object x) {
        return NNet.softmax(asTensor(x));
    }

    /** Row-wise log-softmax, computed stably. */
    public static TensorVariable logSoftmax(Object x) {
        return NNet.logSoftmax(asTensor(x));
    }

    /**
     * The cross-entropy {@code -log p[i, y_i]} of each row of probabilities, for integer labels (a
     * vector) or one-hot targets (a matrix of the same shape).
     */
    public static TensorVariable categoricalCrossentropy(Object probabilities, Object targets) {
        return NNet.categoricalCrossentropy(asTensor(probabilities), asTensor(targets));
    }

    /** Elementwise {@code -(t log o + (1 - t) log(1 - o))}. */
    public static TensorVariable binaryCrossentropy(Object output, Object target) {
        return NNet.binaryCrossentropy(asTensor(output), asTensor(target));
    }

    // ================================================================ gradients

    /** The gradient of a scalar cost with respect to one variable. */
    public static TensorVariable grad(TensorVariable cost, TensorVariable wrt) {
        return Gradients.grad(cost, List.of(wrt), GradOptions.DEFAULT).get(0);
    }

    /** The gradients of a scalar cost with respect to several variables, in order. */
    public static List<TensorVariable> grad(TensorVariable cost, List<? extends TensorVariable> wrt) {
        return Gradients.grad(cost, wrt, GradOptions.DEFAULT);
    }

    /** Gradients with options, e.g. {@code GradOptions.DEFAULT.disconnectedInputs(ZERO)}. */
    public static List<TensorVariable> grad(TensorVariable cost, List<? extends TensorVariable> wrt, GradOptions options) {
        return Gradients.grad(cost, wrt, options);
    }

    /** {@code x} in the forward pass, with a gradient of zero (Theano's {@code zero_grad}). */
    public static TensorVariable zeroGrad(Object x) {
        return Gradients.zeroGrad(asTensor(x));
    }

    /** {@code x} in the forward pass, seen as disconnected by {@code grad} (Theano's {@code disconnected_grad}). */
    public static TensorVariable disconnectedGrad(Object x) {
        return Gradients.disconnectedGrad(asTensor(x));
    }

    /** The Jacobian of a vector expression with respect to a variable: shape {@code y.shape + x.shape}. */
    public static TensorVariable jacobian(TensorVariable y, TensorVariable x) {
        return Gradients.jacobian(y, x);
    }

    /** The Hessian of a scalar cost with respect to a vector. */
    public static TensorVariable hessian(TensorVariable cost, TensorVariable x) {
        return Gradients.hessian(cost, x);
    }

    /** Checks the symbolic gradient of {@code builder(inputs)} at {@code point} by finite differences; see {@link org.gradus.grad.VerifyGrad}. */
    public static void verifyGrad(java.util.function.Function<List<TensorVariable>, TensorVariable> builder, List<?> point) {
        org.gradus.grad.VerifyGrad.verifyGrad(builder, point);
    }

    public static void verifyGrad(java.util.function.Function<List<TensorVariable>, TensorVariable> builder, List<?> point,
                                  org.gradus.grad.VerifyGrad.Options options) {
        org.gradus.grad.VerifyGrad.verifyGrad(builder, point, options);
    }

    /** Checks the symbolic gradient of a one-input expression at {@code point}; see {@link org.gradus.grad.VerifyGrad}. */
    public static void verifyGradSingleInput(java.util.function.Function<TensorVariable, TensorVariable> builder, Object point) {
        org.gradus.grad.VerifyGrad.verifyGradSingleInput(builder, point);
    }

    public static void verifyGradSingleInput(java.util.function.Function<TensorVariable, TensorVariable> builder, Object point,
                                  org.gradus.grad.VerifyGrad.Options options) {
        org.gradus.grad.VerifyGrad.verifyGradSingleInput(builder, point, options);
    }
}
