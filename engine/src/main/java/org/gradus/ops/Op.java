package org.gradus.ops;

import java.util.List;
import org.gradus.graph.Apply;
import org.gradus.graph.SourceSite;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/**
 * An operation of the graph: what it computes, for which types, and how it is differentiated.
 *
 * <p>Ops are values. Implement them as records whose components are the op's parameters, so that
 * two ops with the same parameters are equal (the optimizer merges equal nodes). An op has four
 * parts that always live together:
 * <ol>
 *   <li>{@link #outputTypes} — static type inference, which also validates the inputs;</li>
 *   <li>{@link #outputShapes} — the run-time output shapes, so that buffers can be planned;</li>
 *   <li>{@link #perform} — the CPU kernel, writing into preallocated outputs;</li>
 *   <li>{@link #grad} — the symbolic gradient, built from other ops.</li>
 * </ol>
 * Students can write their own op by implementing this interface; see {@code lessons/} for an example.
 */
public interface Op {

    /** A short name for printing, such as {@code "add"} or {@code "Dot"}. */
    String name();

    /**
     * The types of the outputs for these inputs. Throws {@link org.gradus.GradusException} with a
     * message naming the problem when the inputs are invalid (wrong rank, dtype or static shape).
     */
    List<TensorType> outputTypes(List<TensorVariable> inputs);

    /** The shapes of the outputs for these run-time input values. */
    int[][] outputShapes(NDArray[] inputs);

    /**
     * For an op whose output shapes depend on input values (indexing bounds, a range's ends): whether
     * {@link #outputShapes} would return {@code last} for these inputs, making the same checks, without
     * allocating. The execution plan then reuses {@code last}, so a steady-state call allocates nothing.
     * The default, {@code false}, always recomputes.
     */
    default boolean sameOutputShapes(NDArray[] inputs, int[][] last) {
        return false;
    }

    /** Computes the outputs into {@code outputs}, which have the dtypes and shapes announced before. */
    void perform(NDArray[] inputs, NDArray[] outputs);

    /**
     * The gradients of some scalar cost with respect to each input, given the gradients with respect
     * to each output ({@code null} where an output does not influence the cost). Return {@code null}
     * for an input that the outputs do not depend on differentiably (integer indices, shapes), or
     * {@link org.gradus.grad.Gradients#undefined} for a gradient that does not exist.
     */
    List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                              List<TensorVariable> outputGrads);

    /**
     * Applies the op to inputs and returns the new node. Captures the user's source line, which
     * error messages quote.
     */
    default Apply makeNode(List<TensorVariable> inputs) {
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) == null) {
                throw new IllegalArgumentException(name() + ": input " + i + " is null");
            }
        }
        return new Apply(this, inputs, outputTypes(inputs), SourceSite.capture());
    }

    /** Applies the op and returns its single output. */
    default TensorVariable apply(TensorVariable... inputs) {
        Apply node = makeNode(List.of(inputs));
        if (node.outputs().size() != 1) {
            throw new IllegalStateException(name() + " has " + node.outputs().size()
                    + " outputs; use makeNode(...).outputs()");
        }
        return node.output(0);
    }
}
