package org.gradus.bench;

import java.util.List;
import java.util.Map;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.compile.Mode;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * How long compiling the seed MLP training function takes (graph building and gradients excluded),
 * per mode, after JVM warm-up. Run: {@code java -cp engine/target/classes:engine/target/test-classes
 * org.gradus.bench.CompileTimeBenchmark}.
 */
public final class CompileTimeBenchmark {
    private static final int WARMUP = 200;
    private static final int MEASURED = 200;

    private CompileTimeBenchmark() {
    }

    public static void main(String[] args) {
        TensorVariable x = T.dmatrix("x");
        TensorVariable y = T.lvector("y");
        SharedVariable w1 = Gradus.shared(new double[784][500], "W1");
        SharedVariable b1 = Gradus.shared(new double[500], "b1");
        SharedVariable w2 = Gradus.shared(new double[500][10], "W2");
        SharedVariable b2 = Gradus.shared(new double[10], "b2");
        TensorVariable h = T.tanh(T.add(T.dot(x, w1), b1));
        TensorVariable p = T.softmax(T.add(T.dot(h, w2), b2));
        TensorVariable nll = T.neg(T.mean(T.log(p).get(T.arange(y.shape(0)), y)));
        TensorVariable cost = T.add(T.add(nll, T.mul(0.001, T.add(T.sum(T.abs(w1)), T.sum(T.abs(w2))))),
                T.mul(0.0001, T.add(T.sum(T.sqr(w1)), T.sum(T.sqr(w2)))));
        List<TensorVariable> g = T.grad(cost, List.of(w1, b1, w2, b2));
        Map<SharedVariable, TensorVariable> updates = Map.of(w1, w1.sub(g.get(0).mul(0.01)), b1, b1.sub(g.get(1).mul(0.01)),
                w2, w2.sub(g.get(2).mul(0.01)), b2, b2.sub(g.get(3).mul(0.01)));
        for (Mode mode : Mode.values()) {
            Function f = null;
            for (int i = 0; i < WARMUP; i++) {
                f = compile(x, y, cost, updates, mode);
            }
            long start = System.nanoTime();
            for (int i = 0; i < MEASURED; i++) {
                f = compile(x, y, cost, updates, mode);
            }
            double ms = (System.nanoTime() - start) / 1e6 / MEASURED;
            System.out.printf("%-12s %7.3f ms per compile   %s%n", mode, ms, f.rewriteLog().summary());
        }
    }

    private static Function compile(TensorVariable x, TensorVariable y, TensorVariable cost,
                                     Map<SharedVariable, TensorVariable> updates, Mode mode) {
        return Gradus.functionBuilder(List.of(x, y)).outputs(cost).updates(updates).mode(mode).build();
    }
}
