package org.gradus.backend.device;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gradus.GradusException;
import org.gradus.backend.DeviceProgram;
import org.gradus.graph.Apply;
import org.gradus.graph.Variable;
import org.gradus.ops.device.DeviceToHost;
import org.gradus.ops.device.HostToDevice;
import org.gradus.ops.device.OnDevice;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;

/**
 * Runs a placed graph: host nodes with their CPU kernels, {@link OnDevice} nodes through the
 * backend's {@link DeviceKernels}, and the transfers between. Shared variables read on the device
 * come from the device's {@link Residency}; constants are uploaded once; an update computed on the
 * device stays there (no download); a {@link DeviceToHost} runs only when a host node or an output
 * needs its value. Device temporaries are released at the end of each call. Not thread-safe
 * ({@code Function} serializes calls).
 *
 * @param <A> the device array type
 */
public final class DeviceRunner<A> implements DeviceProgram {
    private final DeviceKernels<A> kernels;
    private final Residency<A> residency;
    private final List<TensorVariable> inputs;
    private final List<Apply> nodes;
    private final List<TensorVariable> outputs;
    private final Map<SharedVariable, TensorVariable> updates;
    private final Set<Variable> skippedDownloads = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<TensorConstant, A> constants = new IdentityHashMap<>();
    private TransferCount lastTransfers = TransferCount.NONE;
    private long lastLaunches;

    public DeviceRunner(DeviceKernels<A> kernels, Residency<A> residency, List<TensorVariable> inputs,
                        List<Apply> nodes, List<TensorVariable> outputs, Map<SharedVariable, TensorVariable> updates) {
        this.kernels = kernels;
        this.residency = residency;
        this.inputs = List.copyOf(inputs);
        this.nodes = List.copyOf(nodes);
        this.outputs = List.copyOf(outputs);
        this.updates = Map.copyOf(updates);
        skippedDownloads.addAll(Transfers.updateOnlyDownloads(nodes, outputs, updates));
    }

    @Override
    public List<NDArray> call(NDArray[] inputValues) {
        TransferLog log = new TransferLog();
        long launchesBefore = kernels.launches();
        Map<Variable, Object> values = new IdentityHashMap<>();
        Set<Object> temporaries = Collections.newSetFromMap(new IdentityHashMap<>());
        try {
            for (int i = 0; i < inputs.size(); i++) {
                values.put(inputs.get(i), inputValues[i]);
            }
            for (Apply node : nodes) {
                execute(node, values, temporaries, log);
            }
            List<NDArray> results = new ArrayList<>();
            Set<NDArray> handedOut = Collections.newSetFromMap(new IdentityHashMap<>());
            for (TensorVariable o : outputs) {
                NDArray v = host(o, values);
                // inputs, shared values and constants are not the caller's to keep; nor is an array given twice
                results.add(o.owner() == null || !handedOut.add(v) ? v.copy() : v);
            }
            applyUpdates(values, temporaries);
            return results;
        } finally {
            for (Object t : temporaries) {
                @SuppressWarnings("unchecked")
                A a = (A) t;
                kernels.release(a);
            }
            lastTransfers = log.count();
            lastLaunches = kernels.launches() - launchesBefore;
        }
    }

    private void execute(Apply node, Map<Variable, Object> values, Set<Object> temporaries, TransferLog log) {
        TensorVariable out0 = node.output(0);
        if (node.op() instanceof HostToDevice) {
            TensorVariable in = node.input(0);
            if (in instanceof SharedVariable s) {
                values.put(out0, residency.read(s, log));
            } else if (in instanceof TensorConstant c) {
                values.put(out0, constants.computeIfAbsent(c, k -> {
                    log.upload(k.valueView(), true);
                    return kernels.upload(k.valueView());
                }));
            } else {
                NDArray h = host(in, values);
                A a = kernels.upload(h);
                log.upload(h, false);
                temporaries.add(a);
                values.put(out0, a);
            }
        } else if (node.op() instanceof DeviceToHost) {
            if (!skippedDownloads.contains(out0)) {
                NDArray h = kernels.download(device(node.input(0), values));
                log.download(h);
                values.put(out0, h);
            }
        } else if (node.op() instanceof OnDevice op) {
            Object[] args = new Object[node.inputs().size()];
            for (int i = 0; i < args.length; i++) {
                TensorVariable in = node.input(i);
                args[i] = op.placement().inputOnDevice(i) ? device(in, values) : host(in, values);
            }
            Object[] results = kernels.run(op, node, args);
            for (int o = 0; o < results.length; o++) {
                if (op.placement().outputOnDevice(o)) {
                    temporaries.add(results[o]);
                }
                values.put(node.output(o), results[o]);
            }
        } else {
            NDArray[] args = new NDArray[node.inputs().size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = host(node.input(i), values);
            }
            int[][] shapes = node.op().outputShapes(args);
            NDArray[] outs = new NDArray[node.outputs().size()];
            for (int o = 0; o < outs.length; o++) {
                outs[o] = NDArray.zeros(node.output(o).dtype(), shapes[o]);
            }
            try {
                node.op().perform(args, outs);
            } catch (RuntimeException e) {
                throw new GradusException(e.getMessage() + "\n  in host node " + node.op().name() + "\n  created at "
                        + node.site(), e);
            }
            for (int o = 0; o < outs.length; o++) {
                values.put(node.output(o), outs[o]);
            }
        }
    }

    private NDArray host(TensorVariable v, Map<Variable, Object> values) {
        Object x = values.get(v);
        if (x == null) {
            if (v instanceof SharedVariable s) {
                return s.valueView();
            }
            if (v instanceof TensorConstant c) {
                return c.valueView();
            }
            throw new IllegalStateException("no host value for " + v.describe() + " (placement bug)");
        }
        if (!(x instanceof NDArray h)) {
            throw new IllegalStateException(v.describe() + " is on the device where a host value is needed");
        }
        return h;
    }

    @SuppressWarnings("unchecked")
    private A device(TensorVariable v, Map<Variable, Object> values) {
        Object x = values.get(v);
        if (x == null || x instanceof NDArray) {
            throw new IllegalStateException("no device value for " + v.describe() + " (placement bug)");
        }
        return (A) x;
    }

    /** Computes every new value first (claiming device temporaries, copying the rest), then assigns them. */
    private void applyUpdates(Map<Variable, Object> values, Set<Object> temporaries) {
        Map<SharedVariable, A> onDevice = new java.util.LinkedHashMap<>();
        Map<SharedVariable, NDArray> onHost = new java.util.LinkedHashMap<>();
        for (Map.Entry<SharedVariable, TensorVariable> u : updates.entrySet()) {
            TensorVariable expr = u.getValue();
            if (expr.owner() != null && expr.owner().op() instanceof DeviceToHost) {
                A d = device(expr.owner().input(0), values);
                onDevice.put(u.getKey(), temporaries.remove(d) ? d : kernels.copy(d));
            } else {
                NDArray h = host(expr, values);
                onHost.put(u.getKey(), expr.owner() == null ? h.copy() : h);
            }
        }
        onDevice.forEach(residency::write);
        onHost.forEach(SharedVariable::assignFromUpdate);
    }

    @Override
    public TransferCount lastTransfers() {
        return lastTransfers;
    }

    @Override
    public long lastLaunches() {
        return lastLaunches;
    }
}
