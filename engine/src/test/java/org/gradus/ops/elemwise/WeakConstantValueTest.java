package org.gradus.ops.elemwise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gradus.TestValues;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;

/** A weak float constant computes in the dtype it adopts, as a Python float does in NumPy 2. */
class WeakConstantValueTest {

    @Test
    void aDoubleTimesFloat32IsAFloat32ConstantOfTheRoundedValue() {
        TensorVariable f = T.fvector("f");
        TensorVariable product = f.mul(0.01);
        TensorConstant c = (TensorConstant) product.owner().input(1);
        assertThat(c.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(c.isWeak()).isTrue();
        assertThat(c.value().get(0)).isEqualTo((double) 0.01f);
        NDArray out = TestValues.run(List.of(f), product, (Object) new float[] {3, -7});
        assertThat(out.toDoubleArray()).containsExactly((double) (3f * 0.01f), (double) (-7f * 0.01f));
    }

    @Test
    void withFloat64OrIntegerOperandsTheConstantKeepsItsDType() {
        TensorConstant onDouble = (TensorConstant) T.dvector("d").mul(0.01).owner().input(1);
        assertThat(onDouble.dtype()).isEqualTo(DType.FLOAT64);
        TensorConstant onInt = (TensorConstant) T.ivector("i").mul(0.5).owner().input(1);
        assertThat(onInt.dtype()).isEqualTo(DType.FLOAT64);
        TensorConstant weakInt = (TensorConstant) T.fvector("f").mul(2).owner().input(1);
        assertThat(weakInt.dtype().kind()).isEqualTo(DType.Kind.INTEGER);
    }
}
