package org.gradus.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.gradus.grad.GradOptions;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whole random graphs (and their gradients), seeded: FAST_RUN equals Mode.NONE in float64 and float32. */
class RandomGraphPropertyTest {

    static Stream<Arguments> seeds() {
        return IntStream.range(0, 40).boxed()
                .flatMap(s -> Stream.of(Arguments.of(s, DType.FLOAT64), Arguments.of(s, DType.FLOAT32)));
    }

    @ParameterizedTest(name = "seed {0} {1}")
    @MethodSource("seeds")
    void optimizedEqualsUnoptimized(int seed, DType d) {
        Random rnd = new Random(seed);
        TensorVariable x = T.tensor(d, "x", -1, -1);
        TensorVariable y = T.tensor(d, "y", -1, -1);
        TensorVariable v = T.tensor(d, "v", -1);
        List<TensorVariable> pool = new ArrayList<>(List.of(x, y, v, T.dimshuffle(v, -1, 0)));
        for (int i = 0; i < 12; i++) {
            pool.add(randomNode(rnd, pool, d));
        }
        TensorVariable out = pool.get(pool.size() - 1);
        if (out.ndim() < 2) {
            out = T.add(out, x);
        }
        TensorVariable cost = T.sum(T.mul(out, out));
        List<TensorVariable> grads = T.grad(cost, List.of(x, y, v),
                GradOptions.DEFAULT.disconnectedInputs(GradOptions.DisconnectedInputs.ZERO));
        List<TensorVariable> outs = new ArrayList<>(List.of(out, T.sum(out, 1)));
        outs.addAll(grads);
        Harness.assertSameAsNone(List.of(x, y, v), outs, d,
                RewriteRulesTest.random(d, rnd, 3, 4), RewriteRulesTest.random(d, rnd, 3, 4), RewriteRulesTest.random(d, rnd, 4));
    }

    /** A bounded op (no overflow, no division by zero) applied to random earlier variables. */
    private static TensorVariable randomNode(Random rnd, List<TensorVariable> pool, DType d) {
        TensorVariable a = pool.get(rnd.nextInt(pool.size()));
        TensorVariable b = pool.get(rnd.nextInt(pool.size()));
        switch (rnd.nextInt(14)) {
            case 0: return T.add(a, b);
            case 1: return T.sub(a, b);
            case 2: return T.mul(a, b);
            case 3: return T.div(a, T.add(1, T.sqr(b)));
            case 4: return T.tanh(a);
            case 5: return T.sigmoid(a);
            case 6: return T.div(1, T.add(1, T.exp(T.neg(T.tanh(a)))));
            case 7: return T.log(T.add(1, T.exp(T.tanh(a))));
            case 8: return T.neg(T.neg(a));
            case 9: return T.mul(T.mul(a, 2), 0.5);
            case 10: return T.pow(T.tanh(a), 3);
            case 11:
                TensorVariable w = T.constant(NDArray.fromFlat(DType.FLOAT64, new int[] {4, 4}, mixing()).astype(d));
                return T.add(T.dot(T.tanh(a.ndim() == 2 ? a : T.dimshuffle(a, -1, 0)), w), b);
            case 12: return T.log(T.sigmoid(a));
            default: return T.sqrt(T.add(T.sqr(a), 1));
        }
    }

    private static double[] mixing() {
        double[] m = new double[16];
        for (int i = 0; i < 4; i++) {
            m[i * 5] = 0.5;
            m[(i * 5 + 1) % 16] = 0.25;
        }
        return m;
    }
}
