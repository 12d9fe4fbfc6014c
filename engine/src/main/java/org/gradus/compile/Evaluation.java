package org.gradus.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.TensorVariable;

/** One-off evaluation behind {@link TensorVariable#eval(Map)}: compile, call once, return the value. */
public final class Evaluation {
    private Evaluation() {
    }

    public static NDArray eval(TensorVariable output, Map<? extends TensorVariable, ?> values) {
        List<TensorVariable> inputs = new ArrayList<>(values.keySet());
        List<Object> args = new ArrayList<>();
        for (TensorVariable in : inputs) {
            args.add(values.get(in));
        }
        Function f = new FunctionBuilder(inputs).outputs(output).build();
        return f.callAll(args.toArray()).get(0);
    }
}
