package org.gradus.tensor;

import java.util.Arrays;
import org.gradus.DTypeException;
import org.gradus.ShapeException;
import org.gradus.graph.SourceSite;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/**
 * A symbolic tensor whose value lives between function calls: the model parameters of Theano's
 * {@code theano.shared}. It can be used wherever a {@link TensorVariable} is, and compiled functions
 * read its current value and may change it through {@code updates}.
 *
 * <p>The static shape has the value's rank with every length unknown, so the value may change size
 * with {@link #setValue}; its dtype is fixed.
 */
public final class SharedVariable extends TensorVariable {
    private NDArray value;
    private TensorVariable defaultUpdate;

    /** Engine use: call {@code Gradus.shared(value, name)}. */
    public SharedVariable(NDArray value, String name) {
        super(TensorType.unknownShape(value.dtype(), value.ndim()), null, 0, name, SourceSite.capture());
        this.value = value.copy();
    }

    /** A copy of the current value (changing it does not change the shared variable). */
    public NDArray getValue() {
        return value.copy();
    }

    /** The current value without copying. Engine use: read only, and only between calls. */
    public NDArray valueView() {
        return value;
    }

    /**
     * Replaces the value. Accepts what {@code NDArray.fromJava} accepts; values are converted to this
     * variable's dtype when no information is lost in kind (an integer value for a float variable is
     * fine, a float value for an integer variable is an error). The rank must stay the same.
     */
    public void setValue(Object newValue) {
        NDArray v = NDArray.fromJava(newValue, null);
        if (v.ndim() != type().ndim()) {
            throw new ShapeException("setValue on shared variable " + describe() + ": the new value has shape "
                    + Arrays.toString(v.shape()) + " (rank " + v.ndim() + ") but the variable has rank "
                    + type().ndim());
        }
        DType target = dtype();
        if (v.dtype() != target) {
            boolean lossy = v.dtype().isFloat() && !target.isFloat();
            if (lossy) {
                throw new DTypeException("setValue on shared variable " + describe() + ": the new value is "
                        + v.dtype() + " but the variable holds " + target
                        + "; convert it explicitly (NDArray.astype) if you mean to truncate");
            }
            v = v.astype(target);
        } else {
            v = v.copy();
        }
        value = v;
    }

    /** Engine use: stores a value computed by an update (already of the right dtype and rank). */
    public void assignFromUpdate(NDArray computed) {
        if (value.hasShape(computed.shape())) {
            value.copyFrom(computed);
        } else {
            value = computed.copy();
        }
    }

    /**
     * The expression a compiled function uses to update this variable when the user gives no update
     * for it (Theano's {@code default_update}); random streams use it to advance their state.
     */
    public TensorVariable defaultUpdate() {
        return defaultUpdate;
    }

    /** Sets the default update (see {@link #defaultUpdate()}). */
    public void setDefaultUpdate(TensorVariable update) {
        this.defaultUpdate = update;
    }

    @Override
    public String toString() {
        return name() != null ? name() : "<shared " + type().kindName() + " " + dtype() + ">";
    }
}
