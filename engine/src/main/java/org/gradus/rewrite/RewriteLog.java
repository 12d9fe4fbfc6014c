package org.gradus.rewrite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.gradus.graph.Graphs;
import org.gradus.ops.elemwise.Composite;
import org.gradus.printing.Printing;
import org.gradus.tensor.TensorVariable;

/**
 * What the optimizer did to one function: every rewrite that fired, in order; rewrite loops it
 * stopped; the graph before and after each phase (as DOT text); and a summary with the node counts
 * and the number of fused loops.
 *
 * <pre>{@code
 * Function f = Gradus.function(List.of(x), T.log(T.sigmoid(x)));
 * f.rewriteLog().events().forEach(System.out::println);
 * // stabilize  LogOfSigmoidToSoftplus: log(sigmoid(x)) => (-softplus((-x)))
 * System.out.println(f.rewriteLog().summary());
 * }</pre>
 */
public final class RewriteLog {
    private final List<RewriteEvent> events = new ArrayList<>();
    private final List<String> loops = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();
    private final Map<Phase, List<TensorVariable>> before = new EnumMap<>(Phase.class);
    private final Map<Phase, List<TensorVariable>> after = new EnumMap<>(Phase.class);
    private int nodesBefore;
    private int nodesAfter;
    private int fusedLoops;

    /** The log of a function compiled without rewrites. */
    public static RewriteLog empty(List<TensorVariable> outputs) {
        RewriteLog log = new RewriteLog();
        log.finish(outputs, outputs);
        return log;
    }

    void add(RewriteEvent e) {
        events.add(e);
    }

    void loop(String report) {
        loops.add(report);
    }

    void rejected(String report) {
        rejected.add(report);
    }

    void phase(Phase p, List<TensorVariable> in, List<TensorVariable> out) {
        before.put(p, List.copyOf(in));
        after.put(p, List.copyOf(out));
    }

    void finish(List<TensorVariable> original, List<TensorVariable> optimized) {
        nodesBefore = Graphs.toposort(original).size();
        nodesAfter = Graphs.toposort(optimized).size();
        fusedLoops = (int) Graphs.toposort(optimized).stream().filter(n -> n.op() instanceof Composite).count();
    }

    /** Every rewrite that fired, in order. */
    public List<RewriteEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /** The rewrites that fired in one phase. */
    public List<RewriteEvent> events(Phase phase) {
        return events.stream().filter(e -> e.phase() == phase).toList();
    }

    /** How many times the rule of this name fired. */
    public long count(String rule) {
        return events.stream().filter(e -> e.rule().equals(rule)).count();
    }

    /** Rewrite loops that were stopped (a rule that kept firing past its bound). Empty when all is well. */
    public List<String> loops() {
        return Collections.unmodifiableList(loops);
    }

    /** Replacements a rule proposed that would have changed a type; they were skipped. */
    public List<String> rejected() {
        return Collections.unmodifiableList(rejected);
    }

    /** Graphviz DOT of the graph when the phase began; {@code null} when the phase did not run. */
    public String dotBefore(Phase phase) {
        return before.containsKey(phase) ? Printing.toDot(before.get(phase), "before_" + phase.lowerName()) : null;
    }

    /** Graphviz DOT of the graph when the phase ended; {@code null} when the phase did not run. */
    public String dotAfter(Phase phase) {
        return after.containsKey(phase) ? Printing.toDot(after.get(phase), "after_" + phase.lowerName()) : null;
    }

    public int nodesBefore() {
        return nodesBefore;
    }

    public int nodesAfter() {
        return nodesAfter;
    }

    /** The number of {@link Composite} nodes: fused elementwise loops. */
    public int fusedLoops() {
        return fusedLoops;
    }

    /** E.g. {@code nodes 41 -> 12, 2 fused loops, 35 rewrites (merge 6, canonicalize 9, ...)}. */
    public String summary() {
        StringBuilder sb = new StringBuilder("nodes " + nodesBefore + " -> " + nodesAfter + ", " + fusedLoops
                + " fused loop" + (fusedLoops == 1 ? "" : "s") + ", " + events.size() + " rewrites");
        StringBuilder perPhase = new StringBuilder();
        for (Phase p : Phase.values()) {
            long n = events.stream().filter(e -> e.phase() == p).count();
            if (n > 0) {
                perPhase.append(perPhase.length() == 0 ? "" : ", ").append(p.lowerName()).append(' ').append(n);
            }
        }
        if (perPhase.length() > 0) {
            sb.append(" (").append(perPhase).append(')');
        }
        if (!loops.isEmpty()) {
            sb.append("; ").append(loops.size()).append(" rewrite loop(s) stopped");
        }
        return sb.toString();
    }

    /** The summary, then one line per rewrite, then any loop reports. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(summary()).append('\n');
        for (RewriteEvent e : events) {
            sb.append("  ").append(e).append('\n');
        }
        for (String l : loops) {
            sb.append("  LOOP: ").append(l).append('\n');
        }
        return sb.toString();
    }
}
