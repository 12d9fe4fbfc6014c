package org.gradus.ops.nnet;

import org.gradus.Config;
import org.gradus.DTypeException;
import org.gradus.ShapeException;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/**
 * The neural-network functions behind {@code T.softmax}, {@code T.logSoftmax},
 * {@code T.categoricalCrossentropy} and {@code T.binaryCrossentropy}: they convert and check the
 * operands, then apply the ops of this package or compose existing ones.
 */
public final class NNet {
    private NNet() {
    }

    /** Row-wise softmax of a matrix, or softmax of a vector; integer and bool inputs become floatX. */
    public static TensorVariable softmax(TensorVariable x) {
        return new Softmax().apply(toFloat(x));
    }

    /** Row-wise log-softmax of a matrix (or of a vector), computed stably; integers become floatX. */
    public static TensorVariable logSoftmax(TensorVariable x) {
        return new LogSoftmax().apply(toFloat(x));
    }

    /**
     * The cross-entropy of each row of probabilities {@code p} (n×k float matrix) with targets
     * {@code t}, a vector of length n:
     * <ul>
     *   <li>integer label vector: {@code -log(p[i, t_i])} via {@link CategoricalCrossentropy1Hot};</li>
     *   <li>n×k matrix of one-hot or soft targets: {@code -sum(t * log(p), axis=1)}.</li>
     * </ul>
     */
    public static TensorVariable categoricalCrossentropy(TensorVariable p, TensorVariable t) {
        if (p.ndim() != 2 || !p.dtype().isFloat()) {
            throw new DTypeException("categoricalCrossentropy: the probabilities must be a float matrix (one row per "
                    + "example), got " + p.describe());
        }
        if (t.ndim() == 1 && t.dtype().isInteger()) {
            return new CategoricalCrossentropy1Hot().apply(p, t);
        }
        if (t.ndim() == 2 && !t.dtype().isBool()) {
            checkSameStaticShape(p, t);
            // integer one-hot matrices are accepted too, as in Theano; they count in p's dtype
            TensorVariable targets = t.dtype().isFloat() ? t : T.cast(t, p.dtype());
            return T.neg(T.sum(T.mul(targets, T.log(p)), 1));
        }
        throw new DTypeException("categoricalCrossentropy: the targets must be an integer label vector or a matrix "
                + "of the probabilities' shape, got " + t.describe() + " for probabilities " + p.describe());
    }

    private static void checkSameStaticShape(TensorVariable p, TensorVariable t) {
        for (int axis = 0; axis < 2; axis++) {
            int a = p.type().dim(axis);
            int b = t.type().dim(axis);
            if (a != TensorType.UNKNOWN && b != TensorType.UNKNOWN && a != b) {
                throw new ShapeException("categoricalCrossentropy: targets of shape " + t.type().shapeString()
                        + " do not match probabilities of shape " + p.type().shapeString() + " ("
                        + t.describe() + ", " + p.describe() + ")");
            }
        }
    }

    /**
     * Elementwise {@code -(t * log(o) + (1 - t) * log(1 - o))} for outputs {@code o} in (0, 1) and
     * targets {@code t} (broadcasting as usual); built from elementwise ops, so it is differentiable
     * in both operands.
     */
    public static TensorVariable binaryCrossentropy(TensorVariable o, TensorVariable t) {
        if (!o.dtype().isFloat()) {
            throw new DTypeException("binaryCrossentropy: the outputs must be float probabilities, got " + o.describe());
        }
        if (t.dtype().isBool()) {
            t = T.cast(t, o.dtype());
        }
        TensorVariable positive = T.mul(t, T.log(o));
        TensorVariable negative = T.mul(T.sub(1, t), T.log(T.sub(1, o)));
        return T.neg(T.add(positive, negative));
    }

    private static TensorVariable toFloat(TensorVariable x) {
        return x.dtype().isFloat() ? x : T.cast(x, Config.get().floatX());
    }
}
