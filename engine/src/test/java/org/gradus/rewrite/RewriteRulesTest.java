package org.gradus.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.gradus.ops.scalar.Identity;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule fires on a graph made for it, and the optimized function equals Mode.NONE, in float64 and float32. */
class RewriteRulesTest {

    /** The variables the cases build from: x, y (3×3), v (3), labels (3 ints), s (a 2×3 of static shape). */
    record Vars(TensorVariable x, TensorVariable y, TensorVariable v, TensorVariable labels, TensorVariable s, DType d) {
    }

    static Stream<Arguments> cases() {
        List<Object[]> c = new ArrayList<>();
        add(c, "MergeEqualNodes", w -> T.add(T.exp(w.x), T.exp(w.x)));
        add(c, "MergeEqualConstants", w -> T.add(T.mul(w.x, T.constant(2.5, w.d)), T.mul(w.y, T.constant(2.5, w.d))));
        add(c, "FoldConstants", w -> T.mul(w.x, T.add(T.constant(2.0, w.d), T.constant(3.0, w.d))));
        add(c, "FoldStaticShape", w -> T.add(w.s, T.cast(T.sum(T.shape(w.s)), w.d)));
        add(c, "MulByOne", w -> T.exp(T.mul(w.x, 1)));
        add(c, "AddZero", w -> T.exp(T.add(0, w.x)));
        add(c, "SubZero", w -> T.exp(T.sub(w.x, 0)));
        add(c, "DivByOne", w -> T.exp(T.div(w.x, 1)));
        add(c, "DoubleNegation", w -> T.exp(T.neg(T.neg(w.x))));
        add(c, "CombineConstantFactors", w -> T.mul(T.mul(w.x, 2), 3));
        add(c, "CombineConstantTerms", w -> T.add(T.add(w.x, 2), 3));
        add(c, "PowOneToIdentity", w -> T.exp(T.pow(w.x, 1)));
        add(c, "PowTwoToSqr", w -> T.pow(w.x, 2));
        add(c, "PowHalfToSqrt", w -> T.pow(T.abs(w.x), 0.5));
        add(c, "PowZeroToOnes", w -> T.add(T.pow(w.x, 0), w.y));
        add(c, "PowMinusOneToReciprocal", w -> T.pow(w.x, -1));
        add(c, "PowMinusHalfToReciprocalSqrt", w -> T.pow(T.abs(w.x), -0.5));
        add(c, "HalfIntegerPowerToSqrtProducts", w -> T.pow(T.abs(w.x), 2.5));
        add(c, "SumOfSum", w -> T.sum(T.sum(w.x, 0)));
        add(c, "SumOfNegation", w -> T.sum(T.neg(w.x), 1));
        add(c, "DimShuffleChain", w -> T.add(T.transpose(T.transpose(w.x)), w.y));
        add(c, "FillNoOp", w -> T.fill(w.x, w.y));
        add(c, "ShapeOfElementwise", w -> T.add(w.x, T.cast(T.sum(T.shape(T.exp(w.x))), w.d)));
        add(c, "ShapeEntryOfReduction", w -> T.add(w.v, T.cast(T.sum(w.x, 1).shape(0), w.d)));
        add(c, "FillSink", w -> T.mul(T.fill(w.x, T.constant(2.0, w.d)), w.y));
        add(c, "FillSink", w -> T.exp(T.fill(w.x, T.exp(w.v).dimshuffle(-1, 0))));
        add(c, "DimShuffleOfFill", w -> T.add(T.fill(w.v, T.constant(2.0, w.d).dimshuffle(-1)).dimshuffle(0, -1), w.x));
        add(c, "IdentityNoOp", w -> T.exp(T.elemwise(new Identity(), w.x)));
        add(c, "ReciprocalOfOnePlusExpToSigmoid", w -> T.div(1, T.add(1, T.exp(T.neg(w.x)))));
        add(c, "LogOnePlusExpToSoftplus", w -> T.log(T.add(1, T.exp(w.x))));
        add(c, "Log1pOfExpToSoftplus", w -> T.log1p(T.exp(w.x)));
        add(c, "LogOfSigmoidToSoftplus", w -> T.log(T.sigmoid(w.x)));
        add(c, "LogOneMinusSigmoidToSoftplus", w -> T.log(T.sub(1, T.sigmoid(w.x))));
        add(c, "LogOfSoftmaxToLogSoftmax", w -> T.log(T.softmax(w.x)));
        add(c, "CrossentropyOfSoftmaxToFusedOp", w -> T.categoricalCrossentropy(T.softmax(w.x), w.labels));
        add(c, "NegLogSoftmaxAtLabelsToFusedOp", w -> T.neg(T.log(T.softmax(w.x)).get(T.arange(w.labels.shape(0)), w.labels)));
        add(c, "SoftmaxCrossentropyGradToSoftmaxMinusOneHot",
                w -> T.grad(T.sum(T.categoricalCrossentropy(T.softmax(w.x), w.labels)), w.x));
        add(c, "SoftmaxGradOfLogGradToLogSoftmaxGrad",
                w -> T.grad(T.mean(T.log(T.softmax(w.x)).get(T.arange(w.labels.shape(0)), w.labels)), w.x));
        add(c, "CancelCommonFactors", w -> T.grad(T.sum(T.log(T.sigmoid(w.x))), w.x));
        add(c, "DistributeProductOverSumToCancel",
                w -> T.grad(T.sum(T.binaryCrossentropy(T.sigmoid(w.x), T.cast(T.gt(w.y, 0), w.d))), w.x));
        add(c, "BinaryCrossentropyOfSigmoidToSoftplus", w -> T.binaryCrossentropy(T.sigmoid(w.x), T.cast(T.gt(w.y, 0), w.d)));
        add(c, "LogOnePlusToLog1p", w -> T.log(T.add(1, T.abs(w.x))));
        add(c, "AddNegationToSub", w -> T.add(w.x, T.neg(w.y)));
        add(c, "LogOfExpToIdentity", w -> T.log(T.exp(w.x)));
        add(c, "OneMinusSigmoidToSigmoidOfNeg", w -> T.sub(1.0, T.sigmoid(w.x)));
        add(c, "Log1pOfNegSigmoidToSoftplus", w -> T.log1p(T.neg(T.sigmoid(w.x))));
        add(c, "ExpOverOnePlusExpToSigmoid", w -> T.div(T.mul(w.y, T.exp(w.x)), T.add(1, T.exp(w.x))));
        add(c, "ExpOverOnePlusExpToSigmoid", w -> T.grad(T.sum(T.log(T.add(1, T.exp(w.x)))), w.x));
        add(c, "SigmoidTimesExpToSigmoid", w -> T.mul(T.mul(T.sigmoid(T.neg(w.x)), w.y), T.exp(w.x)));
        add(c, "OneMinusExpToNegExpm1", w -> T.div(w.y, T.sub(1, T.exp(T.neg(T.abs(w.x))))));
        add(c, "LogOfNegExpm1ToLog1mexp", w -> T.log(T.sub(1, T.exp(T.neg(T.abs(w.x))))));
        add(c, "Log1pOfNegExpToLog1mexp", w -> T.log1p(T.neg(T.exp(T.neg(T.abs(w.x))))));
        add(c, "LogOfSumOfExpToMaxShifted", w -> T.log(T.sum(T.exp(w.x), 1)));
        add(c, "ExpOverSumOfExpToMaxShifted", w -> T.grad(T.sum(T.log(T.sum(T.exp(w.x), 1))), w.x));
        add(c, "ExpMinusOneToExpm1", w -> T.sub(T.exp(w.x), 1));
        add(c, "ScaledDotPlusToGemm", w -> T.add(w.x, T.dot(w.x, w.y)));
        add(c, "ScaledDotMinusToGemm", w -> T.sub(w.y, T.mul(T.constant(0.5, w.d), T.dot(w.x, w.y))));
        add(c, "MatrixVectorDotToGemv", w -> T.dot(w.x, w.v));
        add(c, "TransposeIntoGemmFlags", w -> T.dot(T.transpose(w.x), w.y));
        add(c, "TransposeIntoGemmFlags", w -> T.dot(w.x, T.transpose(w.y)));
        add(c, "TransposeIntoGemmFlags", w -> T.dot(T.transpose(w.x), T.transpose(T.exp(w.y))));
        add(c, "TransposeIntoGemmFlags", w -> T.dot(T.transpose(w.x), w.v));
        add(c, "TransposeIntoGemmFlags", w -> T.sub(w.y, T.mul(T.constant(0.5, w.d), T.dot(T.transpose(w.x), w.y))));
        add(c, "TransposeIntoGemmFlags", w -> T.add(w.v, T.dot(T.transpose(w.x), w.v)));
        add(c, "TransposeIntoGemmFlags", w -> T.exp(T.transpose(T.dot(w.x, T.exp(w.y)))));
        add(c, "TransposeIntoGemmFlags", w -> T.add(w.y, T.transpose(T.dot(T.transpose(w.x), w.y))));
        add(c, "IntegerPowerToMultiplications", w -> T.pow(w.x, 5));
        add(c, "SigmoidFromSharedExp", w -> T.add(T.softplus(T.neg(w.x)), T.mul(T.sigmoid(w.x), w.y)));
        add(c, "FuseElementwise", w -> T.tanh(T.add(T.mul(w.x, w.y), 1)));
        List<Arguments> out = new ArrayList<>();
        for (Object[] k : c) {
            for (DType d : List.of(DType.FLOAT64, DType.FLOAT32)) {
                out.add(Arguments.of(k[0], k[1], d));
            }
        }
        return out.stream();
    }

    private static void add(List<Object[]> c, String rule, Function<Vars, TensorVariable> build) {
        c.add(new Object[] {rule, build});
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("cases")
    void ruleFiresAndKeepsValues(String rule, Function<Vars, TensorVariable> build, DType d) {
        Vars w = new Vars(T.tensor(d, "x", -1, -1), T.tensor(d, "y", -1, -1), T.tensor(d, "v", -1),
                T.lvector("labels"), T.tensor(d, "s", 2, 3), d);
        TensorVariable out = build.apply(w);
        Random rnd = new Random(rule.hashCode());
        Object[] args = {random(d, rnd, 3, 3), random(d, rnd, 3, 3), random(d, rnd, 3), NDArray.of(new long[] {0, 2, 1}),
                random(d, rnd, 2, 3)};
        var f = Harness.assertSameAsNone(List.of(w.x, w.y, w.v, w.labels, w.s), List.of(out), d, args);
        assertThat(f.rewriteLog().count(rule)).as(f.rewriteLog().toString()).isPositive();
    }

    static NDArray random(DType d, Random rnd, int... shape) {
        int n = 1;
        for (int k : shape) {
            n *= k;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble() * 4 - 2;
        }
        return NDArray.fromFlat(DType.FLOAT64, shape, v).astype(d);
    }
}
