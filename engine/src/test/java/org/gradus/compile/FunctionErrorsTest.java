package org.gradus.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.gradus.DTypeException;
import org.gradus.GradientException;
import org.gradus.Gradus;
import org.gradus.GradusException;
import org.gradus.ShapeException;
import org.gradus.grad.GradOptions;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;

/** The error messages students meet first: they must name the variable and say what to do. */
class FunctionErrorsTest {

    @Test
    void updateOfAnotherDtypeNamesTheSharedVariableAndSuggestsCast() {
        SharedVariable w = Gradus.shared(NDArray.of(new double[] {1, 2, 3}), "w");
        TensorVariable lr = T.fscalar("lr");
        TensorVariable step = T.cast(w, DType.FLOAT32).mul(lr);
        assertThat(step.dtype()).isEqualTo(DType.FLOAT32);
        assertThatThrownBy(() -> Gradus.function(List.of(lr), w, Map.of(w, step)))
                .isInstanceOf(DTypeException.class)
                .hasMessageContaining("'w'")
                .hasMessageContaining("float32")
                .hasMessageContaining("float64")
                .hasMessageContaining("T.cast(expression, DType.FLOAT64)");
        // the suggested cast works, and weak Java numbers need no cast
        Function ok = Gradus.function(List.of(lr), w, Map.of(w, T.cast(step, DType.FLOAT64)));
        ok.call(2.0f);
        assertThat(w.getValue().toDoubleArray()).containsExactly(2, 4, 6);
        Gradus.function(List.of(), w, Map.of(w, w.add(1))).callAll();
        assertThat(w.getValue().dtype()).isEqualTo(DType.FLOAT64);
    }

    @Test
    void disconnectedGradientIsAnErrorUnlessZerosAreAskedFor() {
        TensorVariable x = T.vector("x");
        TensorVariable unused = T.matrix("unused");
        TensorVariable cost = T.sum(x.mul(x));
        assertThatThrownBy(() -> T.grad(cost, unused))
                .isInstanceOf(GradientException.class)
                .hasMessageContaining("does not depend on 'unused'")
                .hasMessageContaining("DisconnectedInputs.ZERO");
        List<TensorVariable> g = T.grad(cost, List.of(x, unused),
                GradOptions.DEFAULT.disconnectedInputs(GradOptions.DisconnectedInputs.ZERO));
        List<NDArray> values = Gradus.function(List.of(x, unused), g)
                .callAll(new double[] {1, -2}, new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertThat(values.get(0).toDoubleArray()).containsExactly(2, -4);
        assertThat(values.get(1).shape()).containsExactly(2, 3);
        assertThat(values.get(1).toDoubleArray()).containsOnly(0);
    }

    @Test
    void nonScalarCostsAreRejected() {
        TensorVariable x = T.matrix("x");
        assertThatThrownBy(() -> T.grad(x.mul(2), x))
                .isInstanceOf(GradientException.class)
                .hasMessageContaining("must be a scalar")
                .hasMessageContaining("has 2 axes")
                .hasMessageContaining(".sum()");
        // an integer cost is differentiated as PyTensor does (see PyTensorRulesTest): an op with an
        // integer result passes no gradient, so d sum(i) / di is float zeros
        TensorVariable i = T.ivector("i");
        TensorVariable g = T.grad(T.sum(i), i);
        assertThat(g.dtype().isFloat()).isTrue();
        assertThat(Gradus.function(List.of(i), g).call(new int[] {4, -2}).toDoubleArray()).containsExactly(0, 0);
    }

    @Test
    void missingInputIsNamed() {
        TensorVariable x = T.vector("x");
        TensorVariable y = T.vector("y");
        assertThatThrownBy(() -> Gradus.function(List.of(x), x.add(y)))
                .isInstanceOf(GradusException.class)
                .hasMessageContaining("'y'")
                .hasMessageContaining("not among the function's inputs");
        assertThatThrownBy(() -> Gradus.function(List.of(x.mul(2)), x))
                .isInstanceOf(GradusException.class).hasMessageContaining("the result of an operation");
        assertThatThrownBy(() -> Gradus.function(List.of(x, x), x))
                .isInstanceOf(GradusException.class).hasMessageContaining("listed twice");
    }

    @Test
    void aMatrixArgumentIsOneArgumentNotItsRows() {
        TensorVariable m = T.matrix("m");
        Function f = Gradus.function(List.of(m), T.sum(m, 1));
        NDArray out = f.call(new double[][] {{0, 1}, {-1, -2}});
        assertThat(out.toDoubleArray()).containsExactly(1, -3);
        assertThat(f.callAll(new double[][] {{0, 1}, {-1, -2}}).get(0).toDoubleArray()).containsExactly(1, -3);
        Object[] spread = new double[][] {{0, 1}, {-1, -2}};
        assertThatThrownBy(() -> f.call(spread))
                .isInstanceOf(GradusException.class)
                .hasMessageContaining("takes 1 argument")
                .hasMessageContaining("got 2")
                .hasMessageContaining("spread into its rows");
        Function two = Gradus.function(List.of(m, T.vector("v")), List.of(m, m));
        assertThatThrownBy(() -> two.call(new double[][] {{1}}, new double[] {1}))
                .isInstanceOf(GradusException.class).hasMessageContaining("callAll");
    }

    @Test
    void wrongRankOrDtypeArgumentsNameTheInput() {
        TensorVariable m = T.matrix("weights");
        Function f = Gradus.function(List.of(m), m.mul(2));
        assertThatThrownBy(() -> f.call(new double[] {1, 2, 3}))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("argument 0")
                .hasMessageContaining("'weights'")
                .hasMessageContaining("rank 1")
                .hasMessageContaining("rank 2");
        TensorVariable i = T.iscalar("count");
        Function g = Gradus.function(List.of(i), i.add(1));
        assertThatThrownBy(() -> g.call(1.5))
                .isInstanceOf(DTypeException.class)
                .hasMessageContaining("'count'")
                .hasMessageContaining("1.5")
                .hasMessageContaining("int32");
        assertThat(g.call(4.0).intValue()).isEqualTo(5);
        TensorVariable fv = T.fvector("single");
        Function h = Gradus.function(List.of(fv), fv.mul(2));
        assertThatThrownBy(() -> h.call(NDArray.of(new double[] {1, 2})))
                .isInstanceOf(DTypeException.class)
                .hasMessageContaining("'single'")
                .hasMessageContaining("float64")
                .hasMessageContaining("astype(DType.FLOAT32)");
        assertThat(h.call(new double[] {1, 2}).dtype()).isEqualTo(DType.FLOAT32);
        assertThatThrownBy(() -> h.call("text")).isInstanceOf(DTypeException.class).hasMessageContaining("'single'");
    }
}
