package org.gradus.backend.device;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.device.DeviceToHost;
import org.gradus.ops.device.HostToDevice;
import org.gradus.ops.device.OnDevice;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;

/**
 * What a placed graph moves per call, read from the graph alone: the uploads of values that change
 * every call (not shared variables or constants, which stay on the device), and the downloads
 * (every {@link DeviceToHost} except those that only carry an update of a shared variable, which
 * stays on the device).
 */
public final class Transfers {
    private Transfers() {
    }

    /** The per-call transfers of a placed graph, as counts of nodes. */
    public record PerCall(List<Apply> uploads, List<Apply> downloads, int deviceNodes, int hostNodes) {
        @Override
        public String toString() {
            return uploads.size() + " uploads and " + downloads.size() + " downloads per call; " + deviceNodes
                    + " nodes on the device, " + hostNodes + " on the host";
        }
    }

    /** Counts the per-call transfers and the placed nodes of a placed graph. */
    public static PerCall perCall(List<Apply> nodes, List<TensorVariable> outputs,
                                  Map<SharedVariable, TensorVariable> updates) {
        Set<TensorVariable> skipped = updateOnlyDownloads(nodes, outputs, updates);
        List<Apply> up = new ArrayList<>();
        List<Apply> down = new ArrayList<>();
        int device = 0;
        int host = 0;
        for (Apply n : nodes) {
            if (n.op() instanceof HostToDevice) {
                TensorVariable in = n.input(0);
                if (!(in instanceof SharedVariable) && !(in instanceof TensorConstant)) {
                    up.add(n);
                }
            } else if (n.op() instanceof DeviceToHost) {
                if (!skipped.contains(n.output(0))) {
                    down.add(n);
                }
            } else if (n.op() instanceof OnDevice) {
                device++;
            } else {
                host++;
            }
        }
        return new PerCall(up, down, device, host);
    }

    /** The {@link DeviceToHost} outputs read by nothing but shared-variable updates: never downloaded. */
    static Set<TensorVariable> updateOnlyDownloads(List<Apply> nodes, List<TensorVariable> outputs,
                                                   Map<SharedVariable, TensorVariable> updates) {
        Set<TensorVariable> read = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Apply n : nodes) {
            read.addAll(n.inputs());
        }
        read.addAll(outputs);
        Set<TensorVariable> skipped = Collections.newSetFromMap(new IdentityHashMap<>());
        for (TensorVariable u : updates.values()) {
            if (u.owner() != null && u.owner().op() instanceof DeviceToHost && !read.contains(u)) {
                skipped.add(u);
            }
        }
        return skipped;
    }
}
