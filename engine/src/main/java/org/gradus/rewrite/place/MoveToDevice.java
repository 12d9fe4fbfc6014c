package org.gradus.rewrite.place;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gradus.backend.DeviceBackend;
import org.gradus.backend.NodePlacement;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.device.DeviceToHost;
import org.gradus.ops.device.HostToDevice;
import org.gradus.ops.device.OnDevice;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Replacement;
import org.gradus.tensor.TensorVariable;

/**
 * Moves a node the device supports onto it: the node becomes an {@link OnDevice} node whose device
 * inputs are read through {@link HostToDevice} (or directly, when the value is already on the
 * device) and whose device outputs are read back through {@link DeviceToHost} by the rest of the
 * graph, until their consumers move too.
 *
 * <p>Two kinds of node stay on the host: index arithmetic (every input and output a scalar, such as
 * {@code index * 20}), which a kernel launch would only slow down, and nodes that write nothing on
 * the device (a shape) unless everything they read is already there.
 */
public final class MoveToDevice implements NodeRewriter {
    private final DeviceBackend backend;

    public MoveToDevice(DeviceBackend backend) {
        this.backend = backend;
    }

    @Override
    public Set<Class<? extends Op>> tracks() {
        return Set.of();
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        Op op = node.op();
        if (op instanceof OnDevice || op instanceof HostToDevice || op instanceof DeviceToHost || scalarsOnly(node)) {
            return Optional.empty();
        }
        Optional<NodePlacement> found = backend.placement(node);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        NodePlacement placement = found.get();
        List<TensorVariable> ins = new ArrayList<>();
        for (int i = 0; i < node.inputs().size(); i++) {
            TensorVariable in = node.input(i);
            if (!placement.inputOnDevice(i)) {
                ins.add(in);
            } else if (onDevice(in)) {
                ins.add(in.owner().input(0));
            } else if (!placement.writesDevice()) {
                return Optional.empty();
            } else {
                ins.add(toDevice(in, graph));
            }
        }
        List<TensorVariable> outs = new OnDevice(op, placement).makeNode(ins).outputs();
        Map<TensorVariable, TensorVariable> pairs = new LinkedHashMap<>();
        for (int o = 0; o < outs.size(); o++) {
            TensorVariable neu = placement.outputOnDevice(o) ? new DeviceToHost().apply(outs.get(o)) : outs.get(o);
            pairs.put(node.output(o), neu);
        }
        return Optional.of(new Replacement(pairs));
    }

    /** Whether the value is a download of a device value (so the device already holds it). */
    private static boolean onDevice(TensorVariable v) {
        return v.owner() != null && v.owner().op() instanceof DeviceToHost;
    }

    /** The existing upload of {@code v}, or a new one. */
    private static TensorVariable toDevice(TensorVariable v, FunctionGraph graph) {
        for (Apply client : graph.clients(v)) {
            if (client.op() instanceof HostToDevice) {
                return client.output(0);
            }
        }
        return new HostToDevice().apply(v);
    }

    private static boolean scalarsOnly(Apply node) {
        for (TensorVariable v : node.inputs()) {
            if (v.ndim() > 0) {
                return false;
            }
        }
        for (TensorVariable v : node.outputs()) {
            if (v.ndim() > 0) {
                return false;
            }
        }
        return true;
    }
}
