package org.gradus.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.compile.FunctionBuilder;
import org.gradus.compile.Mode;
import org.gradus.ops.random.RandomStreams;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/**
 * The benchmarked models, built as a student builds them in the labs: data in shared variables, the
 * minibatch chosen by an index through {@code givens}, and parameter updates inside the function.
 */
final class Workloads {
    static final int EXAMPLES = 10_000;
    static final int PIXELS = 784;

    private final DType dtype;
    private final SharedVariable data;
    private final SharedVariable labels;
    private final boolean profile;

    Workloads(DType dtype) {
        this(dtype, false);
    }

    /** With {@code profile}, the step functions record per-node times ({@code Function.profile()}). */
    Workloads(DType dtype, boolean profile) {
        this.dtype = dtype;
        this.profile = profile;
        Random r = new Random(42);
        NDArray x = NDArray.zeros(dtype, EXAMPLES, PIXELS);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, r.nextDouble());
        }
        long[] y = new long[EXAMPLES];
        for (int i = 0; i < EXAMPLES; i++) {
            y[i] = r.nextInt(10);
        }
        data = Gradus.shared(x, "data");
        labels = Gradus.shared(y, "labels");
    }

    private SharedVariable uniform(long seed, double bound, int... shape) {
        Random r = new Random(seed);
        NDArray w = NDArray.zeros(dtype, shape);
        for (int i = 0; i < w.size(); i++) {
            w.set(i, (r.nextDouble() * 2 - 1) * bound);
        }
        return Gradus.shared(w);
    }

    /** Lab 3's MLP 784-500-10 step: tanh, softmax, NLL + L1 + L2, four SGD updates; argument: the minibatch index. */
    Function mlpStep(int batch, Mode mode) {
        SharedVariable hW = uniform(1, Math.sqrt(6.0 / (PIXELS + 500)), PIXELS, 500);
        SharedVariable hB = Gradus.shared(NDArray.zeros(dtype, 500));
        SharedVariable oW = Gradus.shared(NDArray.zeros(dtype, 500, 10));
        SharedVariable oB = Gradus.shared(NDArray.zeros(dtype, 10));
        TensorVariable x = T.tensor(dtype, "x", -1, -1);
        TensorVariable y = T.lvector("y");
        TensorVariable index = T.lscalar("index");
        TensorVariable hidden = T.tanh(T.dot(x, hW).add(hB));
        TensorVariable p = T.softmax(T.dot(hidden, oW).add(oB));
        TensorVariable nll = T.log(p).get(T.arange(y.shape(0)), y).mean().neg();
        TensorVariable l1 = T.abs(hW).sum().add(T.abs(oW).sum());
        TensorVariable l2 = T.sqr(hW).sum().add(T.sqr(oW).sum());
        TensorVariable cost = nll.add(l1.mul(0.0001)).add(l2.mul(0.0001));
        List<SharedVariable> params = List.of(hW, hB, oW, oB);
        List<TensorVariable> grads = T.grad(cost, params);
        Map<SharedVariable, Object> updates = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            updates.put(params.get(i), params.get(i).sub(grads.get(i).mul(0.01)));
        }
        FunctionBuilder b = Gradus.functionBuilder(List.of(index)).outputs(cost).updates(updates)
                .givens(minibatch(x, y, index, batch)).mode(mode);
        return withExclusions(profile ? b.profile() : b, mode).build();
    }

    /** The denoising autoencoder 784-500 step: tied weights, 30% corruption, cross-entropy reconstruction. */
    Function daeStep(int batch, Mode mode) {
        RandomStreams rs = new RandomStreams(1234);
        SharedVariable w = uniform(2, 4 * Math.sqrt(6.0 / (PIXELS + 500)), PIXELS, 500);
        SharedVariable bh = Gradus.shared(NDArray.zeros(dtype, 500));
        SharedVariable bv = Gradus.shared(NDArray.zeros(dtype, PIXELS));
        TensorVariable x = T.tensor(dtype, "x", -1, -1);
        TensorVariable index = T.lscalar("index");
        TensorVariable corrupted = rs.binomial(x.shape(), 1, 0.7, dtype).mul(x);
        TensorVariable hidden = T.sigmoid(T.dot(corrupted, w).add(bh));
        TensorVariable z = T.sigmoid(T.dot(hidden, w.transpose()).add(bv));
        TensorVariable cost = T.sum(x.mul(T.log(z)).add(T.sub(1, x).mul(T.log(T.sub(1, z)))), 1).neg().mean();
        List<TensorVariable> g = T.grad(cost, List.of(w, bh, bv));
        Map<SharedVariable, Object> updates = new LinkedHashMap<>();
        updates.put(w, w.sub(g.get(0).mul(0.1)));
        updates.put(bh, bh.sub(g.get(1).mul(0.1)));
        updates.put(bv, bv.sub(g.get(2).mul(0.1)));
        TensorVariable unusedLabels = T.lvector("y");
        Map<TensorVariable, Object> givens = minibatch(x, unusedLabels, index, batch);
        givens.remove(unusedLabels);
        FunctionBuilder b = Gradus.functionBuilder(List.of(index)).outputs(cost).updates(updates).givens(givens)
                .mode(mode);
        return withExclusions(profile ? b.profile() : b, mode).build();
    }

    /**
     * The builder without the rules or phases named in {@code -Dgradus.bench.exclude=A,B} (FAST_RUN only),
     * to measure what one optimization gives: {@code -Dgradus.bench.exclude=TwoProductsIntoOneGemm}.
     */
    private static FunctionBuilder withExclusions(FunctionBuilder b, Mode mode) {
        String excluded = System.getProperty("gradus.bench.exclude", "").trim();
        return excluded.isEmpty() || mode != Mode.FAST_RUN ? b : b.excluding(excluded.split("\\s*,\\s*"));
    }

    private Map<TensorVariable, Object> minibatch(TensorVariable x, TensorVariable y, TensorVariable index, int batch) {
        Map<TensorVariable, Object> givens = new LinkedHashMap<>();
        givens.put(x, data.get(T.slice(index.mul(batch), index.add(1).mul(batch))));
        givens.put(y, labels.get(T.slice(index.mul(batch), index.add(1).mul(batch))));
        return givens;
    }

    /** sigmoid(x) and its gradient over a vector, written into two shared variables (no output copies). */
    static Function sigmoidForwardAndGradient(DType dtype, int n, Mode mode) {
        TensorVariable x = T.tensor(dtype, "x", -1);
        TensorVariable s = T.sigmoid(x);
        TensorVariable gx = T.grad(T.sum(s), x);
        SharedVariable ys = Gradus.shared(NDArray.zeros(dtype, n), "s");
        SharedVariable gs = Gradus.shared(NDArray.zeros(dtype, n), "gx");
        return Gradus.functionBuilder(List.of(x)).updates(Map.of(ys, s, gs, gx)).mode(mode).build();
    }

    /** The seed talk's logistic function of one scalar. */
    static Function scalarLogistic(DType dtype, Mode mode) {
        TensorVariable x = T.tensor(dtype, "x");
        TensorVariable s = T.div(1, T.add(1, T.exp(T.neg(x))));
        return Gradus.functionBuilder(List.of(x)).outputs(s).mode(mode).build();
    }
}
