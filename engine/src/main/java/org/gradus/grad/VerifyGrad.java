package org.gradus.grad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import org.gradus.GradientException;
import org.gradus.Gradus;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/**
 * A finite-difference gradient checker (Theano's {@code verify_grad}).
 *
 * <p>Given a builder that turns symbolic inputs into an expression, and a point (one Java number,
 * array or {@link NDArray} per input), it creates inputs of the point's dtypes and ranks (lengths
 * unknown, except that axes of length 1 are broadcastable), builds the expression and reduces it to
 * a scalar cost: the expression itself when it is a scalar, otherwise {@code sum(out * R)} with a
 * seeded random {@code R} of the output's shape. It then compares every element of the symbolic
 * gradient {@code T.grad(cost, x)} of every float input {@code x} with the central difference
 * {@code (cost(x + eps) - cost(x - eps)) / (2 eps)}. An element passes when its absolute difference
 * is at most {@code absTol} or its relative difference {@code |a - n| / max(|a|, |n|)} is at most
 * {@code relTol}; NaN never passes. Integer and bool
 * inputs are not checked.
 *
 * <pre>{@code
 * VerifyGrad.verifyGradSingleInput(x -> T.tanh(x).mul(x), new double[][] {{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}});
 * VerifyGrad.verifyGrad(v -> T.dot(v.get(0), v.get(1)), List.of(a, b));
 * }</pre>
 * The list form needs an explicitly typed lambda parameter when the point is a {@code List}, because
 * Java cannot choose between the two overloads for an implicitly typed lambda.
 */
public final class VerifyGrad {
    private static final double RANDOM_LOW = 0.5;

    private VerifyGrad() {
    }

    /**
     * Settings of the check. {@code NaN} for {@code eps}, {@code absTol} or {@code relTol} means the
     * default of the input's dtype: float64 uses eps 1e-6, absTol 1e-6, relTol 1e-4; float32 (input
     * or cost) uses eps 1e-3 and both tolerances 1e-2. {@code seed} seeds the random projection.
     */
    public record Options(double eps, double absTol, double relTol, long seed) {
        /** Dtype defaults and seed 42. */
        public static final Options DEFAULT = new Options(Double.NaN, Double.NaN, Double.NaN, 42L);

        public Options {
            checkPositive("eps", eps);
            checkPositive("absTol", absTol);
            checkPositive("relTol", relTol);
        }

        private static void checkPositive(String what, double v) {
            if (!Double.isNaN(v) && !(v > 0)) {
                throw new IllegalArgumentException("VerifyGrad.Options: " + what + " must be positive (or NaN for "
                        + "the dtype default), got " + v);
            }
        }

        public Options withEps(double newEps) {
            return new Options(newEps, absTol, relTol, seed);
        }

        public Options withTolerances(double newAbsTol, double newRelTol) {
            return new Options(eps, newAbsTol, newRelTol, seed);
        }

        public Options withSeed(long newSeed) {
            return new Options(eps, absTol, relTol, newSeed);
        }

        double eps(boolean single) {
            return Double.isNaN(eps) ? (single ? 1e-3 : 1e-6) : eps;
        }

        double absTol(boolean single) {
            return Double.isNaN(absTol) ? (single ? 1e-2 : 1e-6) : absTol;
        }

        double relTol(boolean single) {
            return Double.isNaN(relTol) ? (single ? 1e-2 : 1e-4) : relTol;
        }
    }

    /** Checks the gradient of {@code builder(inputs)} at {@code point} (one value per input) with default options. */
    public static void verifyGrad(Function<List<TensorVariable>, TensorVariable> builder, List<?> point) {
        verifyGrad(builder, point, Options.DEFAULT);
    }

    /** Checks the gradient of {@code builder(inputs)} at {@code point} (one value per input). */
    public static void verifyGrad(Function<List<TensorVariable>, TensorVariable> builder, List<?> point,
                                  Options options) {
        if (builder == null || point == null || options == null) {
            throw new IllegalArgumentException("verifyGrad: the builder, the point and the options must not be null");
        }
        if (point.isEmpty()) {
            throw new IllegalArgumentException("verifyGrad: the point is empty; give one value per input");
        }
        NDArray[] values = new NDArray[point.size()];
        List<TensorVariable> inputs = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (point.get(i) == null) {
                throw new IllegalArgumentException("verifyGrad: the value of input " + i + " is null");
            }
            values[i] = NDArray.fromJava(point.get(i), null).copy();
            int[] shape = new int[values[i].ndim()];
            for (int k = 0; k < shape.length; k++) {
                // axes of length 1 are broadcastable, as in Theano's verify_grad
                shape[k] = values[i].dim(k) == 1 ? 1 : TensorType.UNKNOWN;
            }
            inputs.add(T.tensor(values[i].dtype(), shape));
        }
        TensorVariable out = builder.apply(List.copyOf(inputs));
        if (out == null) {
            throw new IllegalArgumentException("verifyGrad: the builder returned null");
        }
        if (!out.dtype().isFloat()) {
            throw new GradientException("verifyGrad: the expression must have a float dtype, but "
                    + out.describe() + " is " + out.dtype());
        }
        TensorVariable cost = scalarCost(inputs, out, values, options.seed());
        List<Integer> checked = new ArrayList<>();
        List<TensorVariable> wrt = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i].dtype().isFloat()) {
                checked.add(i);
                wrt.add(inputs.get(i));
            }
        }
        if (checked.isEmpty()) {
            throw new IllegalArgumentException("verifyGrad: no input has a float dtype, so there is no gradient to "
                    + "check; give float values (e.g. 1.0 rather than 1)");
        }
        GradOptions zeros = GradOptions.DEFAULT.disconnectedInputs(GradOptions.DisconnectedInputs.ZERO);
        List<NDArray> analytic = Gradus.function(inputs, T.grad(cost, wrt, zeros)).callAll((Object[]) values);
        org.gradus.compile.Function costFunction = Gradus.function(inputs, cost);
        for (int k = 0; k < checked.size(); k++) {
            int i = checked.get(k);
            boolean single = values[i].dtype() == DType.FLOAT32 || cost.dtype() == DType.FLOAT32;
            compareInput(costFunction, values, i, inputs.get(i), analytic.get(k), options, single);
        }
    }

    /** Checks the gradient of a one-input expression at {@code point} with default options. */
    public static void verifyGradSingleInput(Function<TensorVariable, TensorVariable> builder, Object point) {
        verifyGradSingleInput(builder, point, Options.DEFAULT);
    }

    /** Checks the gradient of a one-input expression at {@code point}. */
    public static void verifyGradSingleInput(Function<TensorVariable, TensorVariable> builder, Object point, Options options) {
        if (builder == null) {
            throw new IllegalArgumentException("verifyGrad: the builder must not be null");
        }
        List<Object> one = new ArrayList<>();
        one.add(point);
        verifyGrad(v -> builder.apply(v.get(0)), one, options);
    }

    /** The expression itself when scalar, else {@code sum(out * R)} with a seeded random {@code R} of its run-time shape. */
    private static TensorVariable scalarCost(List<TensorVariable> inputs, TensorVariable out, NDArray[] values,
                                             long seed) {
        if (out.ndim() == 0) {
            return out;
        }
        int[] shape = Gradus.function(inputs, out).call((Object[]) values).shape();
        NDArray projection = NDArray.zeros(out.dtype(), shape);
        Random random = new Random(seed);
        for (int j = 0; j < projection.size(); j++) {
            // weights in [0.5, 1.5): random enough to mix elements, never close to zero
            projection.set(j, RANDOM_LOW + random.nextDouble());
        }
        return T.sum(T.mul(out, T.constant(projection)));
    }

    private static void compareInput(org.gradus.compile.Function cost, NDArray[] values, int i, TensorVariable input,
                                     NDArray analytic, Options options, boolean single) {
        double eps = options.eps(single);
        double absTol = options.absTol(single);
        double relTol = options.relTol(single);
        NDArray original = values[i];
        NDArray work = original.copy();
        Object[] args = values.clone();
        args[i] = work;
        int failures = 0;
        int first = -1;
        double firstAnalytic = 0;
        double firstNumeric = 0;
        for (int j = 0; j < work.size(); j++) {
            double x = original.get(j);
            work.set(j, x + eps);
            double xPlus = work.get(j);
            double plus = cost.call(args).doubleValue();
            work.set(j, x - eps);
            double xMinus = work.get(j);
            double minus = cost.call(args).doubleValue();
            work.set(j, x);
            // divide by the perturbation actually stored, which float32 rounds
            double numeric = (plus - minus) / (xPlus - xMinus);
            double a = analytic.get(j);
            double absErr = Math.abs(a - numeric);
            double relErr = absErr == 0 ? 0 : absErr / Math.max(Math.abs(a), Math.abs(numeric));
            if (!(absErr <= absTol || relErr <= relTol)) {
                if (failures++ == 0) {
                    first = j;
                    firstAnalytic = a;
                    firstNumeric = numeric;
                }
            }
        }
        if (failures > 0) {
            int[] index = unravel(first, original.shape());
            double absErr = Math.abs(firstAnalytic - firstNumeric);
            double relErr = absErr / Math.max(Math.abs(firstAnalytic), Math.abs(firstNumeric));
            String message = String.format(Locale.ROOT,
                    "verifyGrad: the gradient with respect to input %d%s (%s %s) is wrong at element %s "
                            + "(value %s): analytic (T.grad) = %s, numeric (central difference, eps = %s) = %s; "
                            + "|analytic - numeric| = %s exceeds absTol = %s and the relative difference %s "
                            + "exceeds relTol = %s. %d of %d elements of this input fail.",
                    i, input.name() == null ? "" : " '" + input.name() + "'", input.type().kindName(),
                    input.dtype(), Arrays.toString(index), fmt(original.get(first)), fmt(firstAnalytic), fmt(eps),
                    fmt(firstNumeric), fmt(absErr), fmt(absTol), fmt(relErr), fmt(relTol), failures, work.size());
            throw new GradientCheckException(message, i, index, firstAnalytic, firstNumeric);
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            index[axis] = flat % shape[axis];
            flat /= shape[axis];
        }
        return index;
    }
}
