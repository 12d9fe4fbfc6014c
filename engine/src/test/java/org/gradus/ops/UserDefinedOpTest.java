package org.gradus.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.gradus.Gradus;
import org.gradus.ShapeException;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;
import org.junit.jupiter.api.Test;

/** A student can add an op without touching the engine: here, a row-wise L2 norm written from scratch. */
class UserDefinedOpTest {

    /** ||x_i||_2 for each row i of a matrix. */
    record RowNorm() implements Op {
        @Override
        public String name() {
            return "rowNorm";
        }

        @Override
        public List<TensorType> outputTypes(List<TensorVariable> inputs) {
            TensorVariable x = inputs.get(0);
            if (x.ndim() != 2 || !x.dtype().isFloat()) {
                throw new ShapeException("rowNorm needs a float matrix, got " + x.describe());
            }
            return List.of(TensorType.of(x.dtype(), x.type().dim(0)));
        }

        @Override
        public int[][] outputShapes(NDArray[] inputs) {
            return new int[][] {{inputs[0].dim(0)}};
        }

        @Override
        public void perform(NDArray[] inputs, NDArray[] outputs) {
            NDArray x = inputs[0];
            int cols = x.dim(1);
            for (int i = 0; i < x.dim(0); i++) {
                double s = 0;
                for (int j = 0; j < cols; j++) {
                    s += x.get(i * cols + j) * x.get(i * cols + j);
                }
                outputs[0].set(i, Math.sqrt(s));
            }
        }

        @Override
        public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                         List<TensorVariable> outputGrads) {
            // d||x_i|| / dx_ij = x_ij / ||x_i||
            TensorVariable scale = outputGrads.get(0).div(outputs.get(0)).dimshuffle(0, -1);
            return List.of(inputs.get(0).mul(scale));
        }
    }

    @Test
    void userOpComputesDifferentiatesAndComposes() {
        var x = T.matrix("x");
        TensorVariable norms = new RowNorm().apply(x);
        double[][] value = {{3, 4, 0}, {1, 2, 2}};
        assertThat(Gradus.function(List.of(x), norms).call(value).toDoubleArray()).containsExactly(5, 3);
        NDArray g = Gradus.function(List.of(x), T.grad(norms.sum(), x)).call(value);
        assertThat(g.toDoubleArray()).containsExactly(new double[] {0.6, 0.8, 0, 1 / 3.0, 2 / 3.0, 2 / 3.0}, within(1e-12));
        T.verifyGradSingleInput(v -> T.tanh(new RowNorm().apply(v)).sum(), new double[][] {{0.3, -0.4, 0.2}, {1, 0.5, -2}});
    }

    @Test
    void userOpValidatesItsInputs() {
        assertThatThrownBy(() -> new RowNorm().apply(T.vector("v"))).hasMessageContaining("float matrix")
                .hasMessageContaining("'v'");
    }
}
