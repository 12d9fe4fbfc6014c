package org.gradus.rewrite.place;

import java.util.Optional;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.device.DeviceToHost;
import org.gradus.ops.device.HostToDevice;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Replacement;

/**
 * Removes a transfer that undoes the one before it: {@code hostToDevice(deviceToHost(d)) -> d} (a
 * device value read by a device node after a host round trip) and {@code deviceToHost(hostToDevice(h)) -> h}.
 */
public final class CancelTransferPairs implements NodeRewriter {
    @Override
    public Set<Class<? extends Op>> tracks() {
        return Set.of(HostToDevice.class, DeviceToHost.class);
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        Apply producer = node.input(0).owner();
        if (producer == null) {
            return Optional.empty();
        }
        boolean undoes = node.op() instanceof HostToDevice ? producer.op() instanceof DeviceToHost
                : producer.op() instanceof HostToDevice;
        return undoes ? Optional.of(Replacement.of(node.output(0), producer.input(0))) : Optional.empty();
    }
}
