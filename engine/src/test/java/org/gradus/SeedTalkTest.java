package org.gradus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.gradus.compile.Function;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.junit.jupiter.api.Test;

/** Every engine snippet of the seed talk, in Java, with the values the talk prints. */
class SeedTalkTest {

    @Test
    void scalarMathAndFunctions() {
        var x = T.scalar();
        var y = x.pow(2);
        Function f = Gradus.function(List.of(x), y);
        assertThat(f.call(2).doubleValue()).isEqualTo(4.0);
    }

    @Test
    void logisticFunction() {
        var x = T.scalar();
        var y = T.sum(T.constant(1).div(T.constant(1).add(T.exp(x.neg()))));
        Function s = Gradus.function(List.of(x), y);
        assertThat(s.call(2).doubleValue()).isCloseTo(0.8807970779778823, within(1e-15));
    }

    /** The talk ran Theano with floatX=float32: its printed digits are float32 results. */
    @Test
    void logisticAndGradientInFloat32MatchTheTalkDigits() {
        var x = T.fscalar("x");
        var y = T.constant(1).div(T.constant(1).add(T.exp(x.neg())));
        assertThat(y.dtype()).isEqualTo(org.gradus.types.DType.FLOAT32);
        Function s = Gradus.function(List.of(x), y);
        Function gs = Gradus.function(List.of(x), T.grad(y, x));
        assertThat(s.call(2).doubleValue()).isCloseTo(0.880797088146, within(1e-7));
        assertThat(gs.call(2).doubleValue()).isCloseTo(0.104993589222, within(1e-7));
        assertThat(gs.call(2).dtype()).isEqualTo(org.gradus.types.DType.FLOAT32);
    }

    @Test
    void computingGradients() {
        var x = T.scalar();
        var y = T.constant(1).div(T.constant(1).add(T.exp(x.neg())));
        Function s = Gradus.function(List.of(x), y);
        TensorVariable g = T.grad(y, x);
        Function gs = Gradus.function(List.of(x), g);
        assertThat(s.call(2).doubleValue()).isCloseTo(0.8807970779778823, within(1e-15));
        assertThat(gs.call(2).doubleValue()).isCloseTo(0.10499358540350662, within(1e-15));
    }

    @Test
    void logisticOfAMatrix() {
        var x = T.matrix("x");
        var s = T.constant(1).div(T.constant(1).add(T.exp(x.neg())));
        Function logistic = Gradus.function(List.of(x), s);
        NDArray out = logistic.call(new double[][] {{0, 1}, {-1, -2}});
        assertThat(out.shape()).containsExactly(2, 2);
        assertThat(out.toDoubleArray()).containsExactly(new double[] {0.5, 0.7310585786, 0.2689414213, 0.1192029220},
                within(1e-9));
    }

    @Test
    void singleNeuronWithoutUpdate() {
        var x = T.vector();
        var w = T.vector();
        var b = T.scalar();
        var z = T.dot(w, x).add(b);
        var y = T.constant(1).div(T.constant(1).add(T.exp(z.neg())));
        Function neuron = Gradus.function(List.of(x, w, b), List.of(y));
        NDArray out = neuron.callAll(new double[] {0.25, 0.75}, new double[] {-1, 1}, 0).get(0);
        assertThat(out.doubleValue()).isCloseTo(1 / (1 + Math.exp(-0.5)), within(1e-12));
    }

    @Test
    void singleNeuronWithSharedVariables() {
        var x = T.vector();
        SharedVariable w = Gradus.shared(new double[] {1., 1.});
        SharedVariable b = Gradus.shared(0.);
        var z = T.dot(w, x).add(b);
        var y = T.constant(1).div(T.constant(1).add(T.exp(z.neg())));
        Function neuron = Gradus.function(List.of(x), List.of(y));
        assertThat(w.getValue().toDoubleArray()).containsExactly(1, 1);
        assertThat(neuron.callAll(new double[] {1, 2}).get(0).doubleValue()).isCloseTo(1 / (1 + Math.exp(-3)), within(1e-12));
        w.setValue(new double[] {-1, 1});
        assertThat(neuron.callAll(new double[] {1, 2}).get(0).doubleValue()).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-12));
    }

    @Test
    void manualUpdatesAndTheEasyWayAgree() {
        double[] manual = trainManually();
        double[] easy = trainWithUpdates();
        assertThat(easy).containsExactly(manual, within(1e-12));
        assertThat(easy).containsExactly(new double[] {0.29564, -0.29564, 1.29564}, within(1e-5));
    }

    private double[] trainManually() {
        var x = T.vector();
        SharedVariable w = Gradus.shared(new double[] {-1., 1.});
        SharedVariable b = Gradus.shared(0.);
        var y = T.sigmoid(T.dot(w, x).add(b));
        var yHat = T.scalar();
        var cost = T.sum(y.sub(yHat).pow(2));
        List<TensorVariable> g = T.grad(cost, List.of(w, b));
        Function gradient = Gradus.function(List.of(x, yHat), g);
        double lr = 0.01;
        for (int i = 0; i < 1000; i++) {
            List<NDArray> d = gradient.callAll(new double[] {1, -1}, 1);
            double[] wv = w.getValue().toDoubleArray();
            double[] dw = d.get(0).toDoubleArray();
            w.setValue(new double[] {wv[0] - lr * dw[0], wv[1] - lr * dw[1]});
            b.setValue(b.getValue().doubleValue() - lr * d.get(1).doubleValue());
        }
        double[] wv = w.getValue().toDoubleArray();
        return new double[] {wv[0], wv[1], b.getValue().doubleValue()};
    }

    private double[] trainWithUpdates() {
        var x = T.vector();
        SharedVariable w = Gradus.shared(new double[] {-1., 1.});
        SharedVariable b = Gradus.shared(0.);
        var y = T.constant(1).div(T.constant(1).add(T.exp(T.dot(w, x).add(b).neg())));
        var yHat = T.scalar();
        var cost = T.sum(y.sub(yHat).pow(2));
        List<TensorVariable> g = T.grad(cost, List.of(w, b));
        double lr = 0.01;
        Function gradient = Gradus.function(List.of(x, yHat), g,
                Map.of(w, w.sub(g.get(0).mul(lr)), b, b.sub(g.get(1).mul(lr))));
        for (int i = 0; i < 1000; i++) {
            gradient.callAll(new double[] {1, -1}, 1);
        }
        double[] wv = w.getValue().toDoubleArray();
        return new double[] {wv[0], wv[1], b.getValue().doubleValue()};
    }

    @Test
    void accumulatorSeesValueBeforeTheUpdate() {
        SharedVariable state = Gradus.shared(0);
        var inc = T.iscalar("inc");
        Function acc = Gradus.function(List.of(inc), state, Map.of(state, state.add(inc)));
        assertThat(acc.call(1).doubleValue()).isEqualTo(0);
        assertThat(state.getValue().doubleValue()).isEqualTo(1);
        assertThat(acc.call(300).doubleValue()).isEqualTo(1);
        assertThat(state.getValue().doubleValue()).isEqualTo(301);
    }
}
