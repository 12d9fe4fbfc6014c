package org.gradus;

import java.util.List;
import java.util.Map;
import org.gradus.backend.Backend;
import org.gradus.backend.Backends;
import org.gradus.compile.Function;
import org.gradus.compile.FunctionBuilder;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/**
 * The entry point, Theano's {@code theano} module: compile functions and create shared variables.
 *
 * <pre>{@code
 * var x = T.scalar("x");
 * Function f = Gradus.function(List.of(x), x.pow(2));
 * f.call(2).doubleValue();   // 4.0
 * }</pre>
 */
public final class Gradus {
    private Gradus() {
    }

    /** Compiles a function of one output. */
    public static Function function(List<? extends TensorVariable> inputs, TensorVariable output) {
        return new FunctionBuilder(inputs).outputs(output).build();
    }

    /** Compiles a function of several outputs (call it with {@code callAll}). */
    public static Function function(List<? extends TensorVariable> inputs, List<? extends TensorVariable> outputs) {
        return new FunctionBuilder(inputs).outputs(outputs).build();
    }

    /** Compiles a function of one output that also updates shared variables after each call. */
    public static Function function(List<? extends TensorVariable> inputs, TensorVariable output,
                                    Map<? extends SharedVariable, ?> updates) {
        return new FunctionBuilder(inputs).outputs(output).updates(updates).build();
    }

    /** Compiles a function of several outputs that also updates shared variables after each call. */
    public static Function function(List<? extends TensorVariable> inputs, List<? extends TensorVariable> outputs,
                                    Map<? extends SharedVariable, ?> updates) {
        return new FunctionBuilder(inputs).outputs(outputs).updates(updates).build();
    }

    /** A builder for functions with givens or a mode. */
    public static FunctionBuilder functionBuilder(List<? extends TensorVariable> inputs) {
        return new FunctionBuilder(inputs);
    }

    /**
     * A shared variable holding {@code value}: a Java number or array (Java doubles become floatX)
     * or an {@link NDArray} (its dtype is kept).
     */
    public static SharedVariable shared(Object value) {
        return shared(value, null);
    }

    /** A named shared variable; see {@link #shared(Object)}. */
    public static SharedVariable shared(Object value, String name) {
        NDArray v = NDArray.fromJava(value, null);
        if (!(value instanceof NDArray) && v.dtype() == DType.FLOAT64) {
            v = v.astype(Config.get().floatX());
        }
        return new SharedVariable(v, name);
    }

    /** What this machine gives Gradus (JDK, natives, products, graphs, GPU): {@link Doctor#report()}. */
    public static String doctor() {
        return Doctor.report();
    }

    /** The process-wide configuration (floatX, device). */
    public static Config config() {
        return Config.get();
    }

    /**
     * A report on CUDA: driver, device, compute capability, memory and the kernel compiler found,
     * or why CUDA cannot be used; {@code "no CUDA backend on the class path"} without the gpu module.
     */
    public static String cudaStatus() {
        return Backends.find("cuda").map(Backend::statusReport)
                .orElse("no CUDA backend on the class path (add the gradus-gpu jar and its JCuda dependencies)");
    }
}
