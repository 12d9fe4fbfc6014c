package org.gradus.backend.device;

import java.util.Map;
import java.util.WeakHashMap;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;

/**
 * The shared variables one device holds between calls. A variable is uploaded the first time a
 * function reads it on the device (or again after the host value was replaced with
 * {@code setValue}); updates computed on the device replace the device copy without any transfer,
 * and the host value is fetched only when someone reads it. Every function compiled for the same
 * device shares one residency, so they see each other's updates. Not thread-safe.
 *
 * @param <A> the device array type
 */
public final class Residency<A> {
    private final DeviceKernels<A> kernels;
    private final Map<SharedVariable, Entry> entries = new WeakHashMap<>();

    public Residency(DeviceKernels<A> kernels) {
        this.kernels = kernels;
    }

    /** The device value of {@code variable}, uploading it when the device holds no current copy. */
    A read(SharedVariable variable, TransferLog log) {
        Entry e = entries.get(variable);
        if (e == null || variable.deviceCopy() != e) {
            NDArray host = variable.valueView();
            e = new Entry(variable, kernels.upload(host));
            log.upload(host, true);
            variable.attachDeviceCopy(e);
            entries.put(variable, e);
        }
        return e.value;
    }

    /** Makes {@code value} (now owned by the residency) the variable's value; the host copy becomes stale. */
    void write(SharedVariable variable, A value) {
        Entry e = entries.get(variable);
        if (e == null || variable.deviceCopy() != e) {
            e = new Entry(variable, null);
            variable.attachDeviceCopy(e);
            entries.put(variable, e);
        }
        if (e.value != null) {
            kernels.release(e.value);
        }
        e.value = value;
        variable.markDeviceNewer();
    }

    /** Whether {@code value} is the device copy of some shared variable (so not a temporary). */
    boolean holds(A value) {
        for (Entry e : entries.values()) {
            if (e.value == value) {
                return true;
            }
        }
        return false;
    }

    /** The number of shared variables held on the device. */
    public int size() {
        return entries.size();
    }

    private final class Entry implements SharedVariable.DeviceCopy {
        private final SharedVariable variable;
        private A value;

        Entry(SharedVariable variable, A value) {
            this.variable = variable;
            this.value = value;
        }

        @Override
        public NDArray download() {
            return kernels.download(value);
        }

        @Override
        public void detached() {
            if (value != null) {
                kernels.release(value);
                value = null;
            }
            entries.remove(variable, this);
        }
    }
}
