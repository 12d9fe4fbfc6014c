package org.gradus.rewrite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gradus.graph.Apply;
import org.gradus.tensor.TensorVariable;

/**
 * Runs selected rewrites phase by phase over a {@link FunctionGraph}. Within a phase it visits the
 * nodes (inputs first, or outputs first for {@link Phase#outputsFirst()} phases), tries every rule
 * that tracks the node's op, applies the first replacement found, and starts again until no rule
 * fires: a fixed point. A rule that fires more often than its bound (a rewrite loop) is reported in
 * the {@link RewriteLog} and the phase stops, so compilation never hangs.
 */
public final class RewriteDriver {
    /** Each rule may fire at least this often per phase before it counts as a loop. */
    static final int MIN_BOUND = 100;

    private final Map<Phase, List<NodeRewriter>> rules;

    /** A driver for these rules (phases in enum order; missing phases are skipped). */
    public RewriteDriver(Map<Phase, List<NodeRewriter>> rules) {
        this.rules = rules;
    }

    /** Rewrites the graph in place and returns the log. */
    public RewriteLog run(FunctionGraph graph) {
        RewriteLog log = new RewriteLog();
        List<TensorVariable> original = List.copyOf(graph.outputs());
        for (Phase phase : Phase.values()) {
            List<NodeRewriter> phaseRules = rules.getOrDefault(phase, List.of());
            if (phaseRules.isEmpty()) {
                continue;
            }
            List<TensorVariable> in = List.copyOf(graph.outputs());
            runPhase(phase, phaseRules, graph, log);
            log.phase(phase, in, graph.outputs());
        }
        log.finish(original, graph.outputs());
        return log;
    }

    private static void runPhase(Phase phase, List<NodeRewriter> phaseRules, FunctionGraph graph, RewriteLog log) {
        int bound = Math.max(MIN_BOUND, 4 * graph.nodes().size());
        Map<String, Integer> fired = new HashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            List<Apply> nodes = new ArrayList<>(graph.nodes());
            if (phase.outputsFirst()) {
                Collections.reverse(nodes);
            }
            scan:
            for (Apply node : nodes) {
                for (NodeRewriter rule : phaseRules) {
                    if (!rule.tracks().isEmpty() && !rule.tracks().contains(node.op().getClass())) {
                        continue;
                    }
                    Optional<Replacement> r = rule.rewrite(node, graph);
                    if (r.isEmpty()) {
                        continue;
                    }
                    try {
                        graph.replace(r.get());
                    } catch (FunctionGraph.IncompatibleReplacementException e) {
                        log.rejected(rule.name() + ": " + e.getMessage());
                        continue;
                    }
                    log.add(new RewriteEvent(phase, rule.name(), r.get().firstOld(), r.get().firstNew()));
                    int count = fired.merge(rule.name(), 1, Integer::sum);
                    if (count > bound) {
                        log.loop("rule " + rule.name() + " fired " + count + " times in phase " + phase.lowerName()
                                + " without reaching a fixed point (a rewrite loop); the phase was stopped");
                        return;
                    }
                    changed = true;
                    break scan;
                }
            }
        }
    }
}
