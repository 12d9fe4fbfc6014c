package org.gradus.compile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.gradus.graph.Apply;

/**
 * Time spent in each node of a compiled function (Theano's {@code profile=True}): build the function
 * with {@link FunctionBuilder#profile()}, call it, then read {@link Function#profile()}. Each node's
 * wall-clock time is measured around its kernel, so the table shows where a training step goes
 * (matrix products, fused loops, reductions) and how the optimizer changed that.
 */
public final class FunctionProfile {
    /** One node: its position in the schedule, a short description, the calls and the total time. */
    public record NodeTime(int index, String node, String outputShape, long calls, long nanos) {
        /** Mean time of one run of this node, in microseconds. */
        public double microsPerCall() {
            return calls == 0 ? 0 : nanos / 1e3 / calls;
        }
    }

    private final long calls;
    private final List<NodeTime> nodes;

    FunctionProfile(long calls, List<NodeTime> nodes) {
        this.calls = calls;
        this.nodes = List.copyOf(nodes);
    }

    static FunctionProfile of(List<Apply> schedule, long calls, long[] nanos, String[] shapes) {
        List<NodeTime> list = new ArrayList<>();
        for (int n = 0; n < schedule.size(); n++) {
            list.add(new NodeTime(n, schedule.get(n).op().name(), shapes[n] == null ? "?" : shapes[n], calls, nanos[n]));
        }
        return new FunctionProfile(calls, list);
    }

    static String shapeOf(int[] shape) {
        return Arrays.toString(shape);
    }

    /** Calls of the function since profiling started. */
    public long calls() {
        return calls;
    }

    /** Every node in schedule order. */
    public List<NodeTime> nodes() {
        return nodes;
    }

    /**
     * The calls made after {@code earlier}, a profile taken from the same function before: per node, the
     * calls and the time since then. Take one after warm-up and subtract it to see the steady state, which
     * the running totals hide while they still hold the first, interpreted calls.
     */
    public FunctionProfile since(FunctionProfile earlier) {
        if (earlier.nodes.size() != nodes.size() || earlier.calls > calls) {
            throw new IllegalArgumentException("since: the earlier profile (" + earlier.calls + " calls, "
                    + earlier.nodes.size() + " nodes) was not taken before this one (" + calls + " calls, "
                    + nodes.size() + " nodes) from the same function");
        }
        List<NodeTime> delta = new ArrayList<>();
        for (int n = 0; n < nodes.size(); n++) {
            NodeTime now = nodes.get(n);
            NodeTime then = earlier.nodes.get(n);
            if (!now.node().equals(then.node())) {
                throw new IllegalArgumentException("since: node " + n + " is " + now.node() + " here but "
                        + then.node() + " in the earlier profile; profiles of different functions");
            }
            delta.add(new NodeTime(n, now.node(), now.outputShape(), now.calls() - then.calls(),
                    now.nanos() - then.nanos()));
        }
        return new FunctionProfile(calls - earlier.calls, delta);
    }

    /** Total time inside nodes, in nanoseconds. */
    public long totalNanos() {
        return nodes.stream().mapToLong(NodeTime::nanos).sum();
    }

    /** The nodes sorted by time, most expensive first, as a table with percentages. */
    public String summary() {
        return summary(nodes.size());
    }

    /** The {@code top} most expensive nodes as a table. */
    public String summary(int top) {
        long total = Math.max(1, totalNanos());
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d calls, %.1f µs per call in %d nodes%n", calls,
                calls == 0 ? 0.0 : total / 1e3 / calls, nodes.size()));
        sb.append(String.format(Locale.ROOT, "%6s %10s  %4s  %-18s %s%n", "time%", "µs/call", "node", "output shape", "op"));
        nodes.stream().sorted(Comparator.comparingLong(NodeTime::nanos).reversed()).limit(top).forEach(t ->
                sb.append(String.format(Locale.ROOT, "%5.1f%% %10.2f  %4d  %-18s %s%n", 100.0 * t.nanos() / total,
                        t.microsPerCall(), t.index(), t.outputShape(), abbreviate(t.node()))));
        return sb.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 100 ? s : s.substring(0, 97) + "...";
    }

    @Override
    public String toString() {
        return summary();
    }
}
