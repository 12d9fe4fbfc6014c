package org.gradus.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.compile.Mode;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/** The property the optimizer must keep: an optimized function computes what {@link Mode#NONE} computes. */
final class Harness {
    private Harness() {
    }

    static double tolerance(DType dtype) {
        return dtype == DType.FLOAT32 ? 2e-4 : 1e-9;
    }

    /**
     * Compiles the outputs in FAST_RUN and NONE, calls both on {@code args}, and compares; returns the
     * FAST_RUN function. The FAST_RUN function is called twice and both results are compared, so that
     * buffers reused across calls (in-place execution, the buffer pool) are covered as well.
     */
    static Function assertSameAsNone(List<TensorVariable> inputs, List<TensorVariable> outputs, DType dtype, Object... args) {
        Function fast = Gradus.functionBuilder(inputs).outputs(outputs).build();
        Function none = Gradus.functionBuilder(inputs).outputs(outputs).mode(Mode.NONE).build();
        List<NDArray> first = fast.callAll(args);
        List<NDArray> a = fast.callAll(args);
        List<NDArray> b = none.callAll(args);
        for (int i = 0; i < a.size(); i++) {
            assertThat(first.get(i).equals(a.get(i))).as("output %d differs between two calls", i).isTrue();
        }
        assertThat(fast.rewriteLog().loops()).as("rules that rewrite their own results").isEmpty();
        double tol = tolerance(dtype);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).dtype()).isEqualTo(b.get(i).dtype());
            assertThat(a.get(i).allClose(b.get(i), tol, tol))
                    .as("output %d of FAST_RUN %s vs NONE %s\n%s", i, a.get(i), b.get(i), fast.rewriteLog()).isTrue();
        }
        return fast;
    }
}
