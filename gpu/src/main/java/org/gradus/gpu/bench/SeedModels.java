package org.gradus.gpu.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.compile.FunctionBuilder;
import org.gradus.ops.random.RandomStreams;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/**
 * The seed models of the course, built as the labs build them (the same graphs as the CPU
 * benchmark's workloads): the MLP 784-500-10 (tanh, softmax, NLL + L1 + L2, SGD) and the denoising
 * autoencoder 784-500 (tied weights, 30% Philox corruption), with the data set in shared variables
 * and the minibatch chosen by an index through {@code givens}, compiled for a given device.
 */
public final class SeedModels {
    /** Pixels per example. */
    public static final int PIXELS = 784;

    private final DType dtype;
    private final int examples;
    private final SharedVariable data;
    private final SharedVariable labels;

    /** A synthetic data set of {@code examples} rows of uniform pixels and labels 0..9, seeded. */
    public SeedModels(DType dtype, int examples) {
        this.dtype = dtype;
        this.examples = examples;
        Random r = new Random(42);
        NDArray x = NDArray.zeros(dtype, examples, PIXELS);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, r.nextDouble());
        }
        long[] y = new long[examples];
        for (int i = 0; i < examples; i++) {
            y[i] = r.nextInt(10);
        }
        data = Gradus.shared(x, "data");
        labels = Gradus.shared(y, "labels");
    }

    /** The number of examples in the shared data set. */
    public int examples() {
        return examples;
    }

    /** A compiled step with its parameters (whose values tests compare). */
    public record Step(Function function, List<SharedVariable> parameters) {
    }

    private SharedVariable uniform(long seed, double bound, int... shape) {
        Random r = new Random(seed);
        NDArray w = NDArray.zeros(dtype, shape);
        for (int i = 0; i < w.size(); i++) {
            w.set(i, (r.nextDouble() * 2 - 1) * bound);
        }
        return Gradus.shared(w);
    }

    /** Lab 3's MLP step on {@code device}; its argument is the minibatch index, its output the cost. */
    public Step mlp(int batch, String device) {
        // tag::mlp[]
        SharedVariable hW = uniform(1, Math.sqrt(6.0 / (PIXELS + 500)), PIXELS, 500);
        SharedVariable hB = Gradus.shared(NDArray.zeros(dtype, 500));
        SharedVariable oW = uniform(5, 0.01, 500, 10);
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
                .givens(minibatch(x, y, index, batch)).device(device);
        // end::mlp[]
        return new Step(b.build(), params);
    }

    /** The denoising autoencoder step on {@code device}; outputs the cost and the corruption mask. */
    public Step dae(int batch, String device) {
        RandomStreams rs = new RandomStreams(1234);
        SharedVariable w = uniform(2, 4 * Math.sqrt(6.0 / (PIXELS + 500)), PIXELS, 500);
        SharedVariable bh = Gradus.shared(NDArray.zeros(dtype, 500));
        SharedVariable bv = Gradus.shared(NDArray.zeros(dtype, PIXELS));
        TensorVariable x = T.tensor(dtype, "x", -1, -1);
        TensorVariable index = T.lscalar("index");
        TensorVariable mask = rs.binomial(x.shape(), 1, 0.7, dtype);
        TensorVariable hidden = T.sigmoid(T.dot(mask.mul(x), w).add(bh));
        TensorVariable z = T.sigmoid(T.dot(hidden, w.transpose()).add(bv));
        TensorVariable cost = T.sum(x.mul(T.log(z)).add(T.sub(1, x).mul(T.log(T.sub(1, z)))), 1).neg().mean();
        List<TensorVariable> g = T.grad(cost, List.of(w, bh, bv));
        Map<SharedVariable, Object> updates = new LinkedHashMap<>();
        updates.put(w, w.sub(g.get(0).mul(0.1)));
        updates.put(bh, bh.sub(g.get(1).mul(0.1)));
        updates.put(bv, bv.sub(g.get(2).mul(0.1)));
        Map<TensorVariable, Object> givens = new LinkedHashMap<>();
        givens.put(x, rows(data, index, batch));
        return new Step(Gradus.functionBuilder(List.of(index)).outputs(cost, mask).updates(updates).givens(givens)
                .device(device).build(), List.of(w, bh, bv));
    }

    /** The MLP step taking the minibatch itself as arguments {@code (x, y)} instead of an index. */
    public Step mlpOnArguments(String device) {
        SharedVariable hW = uniform(1, 0.05, PIXELS, 500);
        SharedVariable hB = Gradus.shared(NDArray.zeros(dtype, 500));
        SharedVariable oW = uniform(5, 0.01, 500, 10);
        SharedVariable oB = Gradus.shared(NDArray.zeros(dtype, 10));
        TensorVariable x = T.tensor(dtype, "x", -1, -1);
        TensorVariable y = T.lvector("y");
        TensorVariable p = T.softmax(T.dot(T.tanh(T.dot(x, hW).add(hB)), oW).add(oB));
        TensorVariable cost = T.categoricalCrossentropy(p, y).mean();
        List<SharedVariable> params = List.of(hW, hB, oW, oB);
        List<TensorVariable> grads = T.grad(cost, params);
        Map<SharedVariable, Object> updates = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            updates.put(params.get(i), params.get(i).sub(grads.get(i).mul(0.01)));
        }
        return new Step(Gradus.functionBuilder(List.of(x, y)).outputs(cost).updates(updates).device(device).build(),
                params);
    }

    /** Rows {@code [index*batch, (index+1)*batch)} of the data set (for the argument-taking step). */
    public NDArray dataRows(int index, int batch) {
        return data.get(T.slice(index * batch, (index + 1) * batch)).eval();
    }

    /** Labels of the same rows. */
    public NDArray labelRows(int index, int batch) {
        return labels.get(T.slice(index * batch, (index + 1) * batch)).eval();
    }

    private Map<TensorVariable, Object> minibatch(TensorVariable x, TensorVariable y, TensorVariable index, int batch) {
        Map<TensorVariable, Object> givens = new LinkedHashMap<>();
        givens.put(x, rows(data, index, batch));
        givens.put(y, rows(labels, index, batch));
        return givens;
    }

    private static TensorVariable rows(SharedVariable v, TensorVariable index, int batch) {
        return v.get(T.slice(index.mul(batch), index.add(1).mul(batch)));
    }
}
