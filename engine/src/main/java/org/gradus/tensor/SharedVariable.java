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
    private DeviceCopy deviceCopy;
    private boolean hostStale;

    /**
     * Engine use: a copy of the value held by a device backend. While the device's copy is newer
     * (after an update computed there), {@link #getValue} and {@link #valueView} fetch it first.
     */
    public interface DeviceCopy {
        /** The device's value, copied to the host. */
        NDArray download();

        /** The host value replaced the device's copy, which may be freed. */
        void detached();
    }

    /** Engine use: call {@code Gradus.shared(value, name)}. */
    public SharedVariable(NDArray value, String name) {
        super(TensorType.unknownShape(value.dtype(), value.ndim()), null, 0, name, SourceSite.capture());
        this.value = value.copy();
    }

    /** A copy of the current value (changing it does not change the shared variable). */
    public NDArray getValue() {
        syncFromDevice();
        return value.copy();
    }

    /** The current value without copying. Engine use: read only, and only between calls. */
    public NDArray valueView() {
        syncFromDevice();
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
        dropDeviceCopy(false);
        value = v;
    }

    /** Engine use: stores a value computed by an update (already of the right dtype and rank). */
    public void assignFromUpdate(NDArray computed) {
        dropDeviceCopy(false);
        if (value.hasShape(computed.shape())) {
            value.copyFrom(computed);
        } else {
            value = computed.copy();
        }
    }

    /** Engine use: the device copy of the value, or null when the value lives only on the host. */
    public DeviceCopy deviceCopy() {
        return deviceCopy;
    }

    /** Engine use: a device now holds a copy equal to the host value (replacing any other copy). */
    public void attachDeviceCopy(DeviceCopy copy) {
        if (deviceCopy != copy) {
            dropDeviceCopy(true);
            deviceCopy = copy;
        }
    }

    /** Engine use: the attached device copy was updated and is now newer than the host value. */
    public void markDeviceNewer() {
        if (deviceCopy == null) {
            throw new IllegalStateException(describe() + " has no device copy to be newer");
        }
        hostStale = true;
    }

    private void syncFromDevice() {
        if (hostStale) {
            value = deviceCopy.download();
            hostStale = false;
        }
    }

    /** Detaches the device copy; {@code keepDeviceValue}: fetch it first when it is newer than the host's. */
    private void dropDeviceCopy(boolean keepDeviceValue) {
        if (deviceCopy != null) {
            if (keepDeviceValue) {
                syncFromDevice();
            }
            hostStale = false;
            DeviceCopy old = deviceCopy;
            deviceCopy = null;
            old.detached();
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
