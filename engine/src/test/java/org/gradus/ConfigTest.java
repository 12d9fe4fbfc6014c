package org.gradus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void parsesFlagsLikeTheanoFlags() {
        assertThat(Config.parseFlags("floatX=float32, device=cuda")).containsEntry("floatX", "float32")
                .containsEntry("device", "cuda");
        assertThat(Config.parseFlags("  ")).isEmpty();
        assertThatThrownBy(() -> Config.parseFlags("floatX")).hasMessageContaining("key=value");
        assertThatThrownBy(() -> Config.get().set("floatx", "int32")).hasMessageContaining("float32 or float64");
        assertThatThrownBy(() -> Config.get().set("colour", "red")).hasMessageContaining("unknown Gradus flag");
    }

    @Test
    void floatXDecidesWhatScalarsAndDoubleConstantsCreate() {
        DType before = Config.get().floatX();
        try {
            Gradus.config().setFloatX(DType.FLOAT32);
            var x = T.scalar("x");
            assertThat(x.dtype()).isEqualTo(DType.FLOAT32);
            var y = x.mul(0.5).add(T.constant(2.0));
            assertThat(y.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(Gradus.shared(new double[] {1, 2}).dtype()).isEqualTo(DType.FLOAT32);
            assertThat(Gradus.function(List.of(x), y).call(3).dtype()).isEqualTo(DType.FLOAT32);
        } finally {
            Gradus.config().setFloatX(before);
        }
    }
}
