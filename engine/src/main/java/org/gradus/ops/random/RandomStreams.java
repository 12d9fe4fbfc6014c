package org.gradus.ops.random;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gradus.Config;
import org.gradus.DTypeException;
import org.gradus.Gradus;
import org.gradus.ShapeException;
import org.gradus.graph.Apply;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/**
 * Reproducible random streams, Theano's {@code RandomStreams}: each call ({@code uniform},
 * {@code normal}, {@code binomial}) returns a symbolic sample with its own state, and every call of
 * a compiled function that uses the sample draws fresh numbers.
 *
 * <p>The {@code i}-th call ({@code i = 0, 1, ...}) of a stream seeded with {@code seed} creates a
 * shared int64 vector {@code [Philox.streamKey(seed, i), 0]} (key, counter) and a {@link RandomDraw}
 * node whose new state is the variable's default update, so a compiled function advances the counter
 * by the number of Philox blocks each draw reads. The numbers of a draw are therefore a pure function
 * of (seed, call index, counter, shape, parameters), which a GPU backend reproduces exactly.
 *
 * <pre>{@code
 * var rs = new RandomStreams(1234);
 * var mask = rs.binomial(T.shape(x), 1, 0.7);   // int64 0/1 mask, new each call
 * }</pre>
 */
public final class RandomStreams {
    private long seed;
    private final List<SharedVariable> states = new ArrayList<>();

    /** A stream seeded with {@code seed}. */
    public RandomStreams(long seed) {
        this.seed = seed;
    }

    /** Counts of successes in {@code n} trials with probability {@code p}, as int64 (Theano's default). */
    public TensorVariable binomial(Object shape, int n, Object p) {
        return binomial(shape, n, p, DType.INT64);
    }

    /** Counts of successes in {@code n} trials with probability {@code p}, stored as {@code dtype}. */
    public TensorVariable binomial(Object shape, int n, Object p, DType dtype) {
        return draw(new Distribution.Binomial(n), shape, dtype, p);
    }

    /** Uniform samples on [low, high) of floatX. */
    public TensorVariable uniform(Object shape, Object low, Object high) {
        return uniform(shape, low, high, Config.get().floatX());
    }

    /** Uniform samples on [low, high) of a float {@code dtype}. */
    public TensorVariable uniform(Object shape, Object low, Object high, DType dtype) {
        return draw(new Distribution.Uniform(), shape, dtype, low, high);
    }

    /** Normal samples with the given mean and standard deviation, of floatX (Box–Muller). */
    public TensorVariable normal(Object shape, Object mean, Object std) {
        return normal(shape, mean, std, Config.get().floatX());
    }

    /** Normal samples with the given mean and standard deviation, of a float {@code dtype}. */
    public TensorVariable normal(Object shape, Object mean, Object std, DType dtype) {
        return draw(new Distribution.Normal(), shape, dtype, mean, std);
    }

    /**
     * Re-seeds every state created so far (Theano's {@code seed}): state {@code i} becomes
     * {@code [Philox.streamKey(seed, i), 0]}, and later calls use the new seed too. Two streams with
     * the same seed and the same sequence of calls then produce the same numbers.
     */
    public synchronized void seed(long newSeed) {
        this.seed = newSeed;
        for (int i = 0; i < states.size(); i++) {
            states.get(i).setValue(initialState(newSeed, i));
        }
    }

    /** The states created so far, in call order. */
    public synchronized List<SharedVariable> states() {
        return List.copyOf(states);
    }

    /** The seed of the states created from now on. */
    public synchronized long seed() {
        return seed;
    }

    /**
     * Makes this stream the copy of another one, given as its seed and its states in call order (the
     * grader's wire sends a stream this way, and brings back the states a lab step created): the next
     * call creates state number {@code states.size()}.
     */
    public synchronized void restore(long newSeed, List<SharedVariable> newStates) {
        this.seed = newSeed;
        this.states.clear();
        this.states.addAll(newStates);
    }

    private static NDArray initialState(long seed, int index) {
        return NDArray.of(new long[] {Philox.streamKey(seed, index), 0L});
    }

    private synchronized TensorVariable draw(Distribution distribution, Object shape, DType dtype, Object... params) {
        TensorVariable shapeVector = shapeVector(distribution, shape);
        int ndim = shapeVector.type().dim(0);
        if (ndim == TensorType.UNKNOWN) {
            throw new ShapeException(distribution.name() + ": the number of axes of the shape must be known, got "
                    + shapeVector.describe());
        }
        int index = states.size();
        SharedVariable state = Gradus.shared(initialState(seed, index), "random_state_" + index);
        List<TensorVariable> inputs = new ArrayList<>();
        inputs.add(state);
        inputs.add(shapeVector);
        for (Object p : params) {
            inputs.add(T.asTensor(p));
        }
        Apply node = new RandomDraw(distribution, ndim, dtype).makeNode(inputs);
        state.setDefaultUpdate(node.output(0));
        states.add(state);
        return node.output(1);
    }

    /** Java ints, a mix of Java ints and int scalars, or a symbolic integer vector, as an integer shape vector. */
    private static TensorVariable shapeVector(Distribution distribution, Object shape) {
        if (shape instanceof TensorVariable) {
            TensorVariable s = (TensorVariable) shape;
            if (s.ndim() != 1 || !s.dtype().isInteger()) {
                throw new DTypeException(distribution.name() + ": the shape must be an integer vector, got "
                        + s.describe());
            }
            return s;
        }
        if (shape instanceof int[]) {
            return T.constant(Arrays.stream((int[]) shape).asLongStream().toArray(), DType.INT64);
        }
        if (shape instanceof long[]) {
            return T.constant(shape, DType.INT64);
        }
        if (shape instanceof Object[]) {
            // Theano's (n, 1): symbolic and Java lengths mixed; the Java ones stay static
            return org.gradus.ops.shape.Shapes.stackScalars((Object[]) shape);
        }
        throw new IllegalArgumentException(distribution.name() + ": cannot use " + shape
                + " as a shape; pass an int[], an Object[] of ints and int scalars such as {x.shape(0), 1},"
                + " or a symbolic integer vector such as T.shape(x)");
    }
}
