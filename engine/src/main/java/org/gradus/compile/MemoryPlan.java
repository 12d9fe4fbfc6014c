package org.gradus.compile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.elemwise.Composite;
import org.gradus.ops.elemwise.Elemwise;

/**
 * The static half of the execution plan's memory rules, computed once per compiled function from the
 * schedule: when each intermediate buffer dies, and which update results may be computed straight
 * into their shared variable's storage.
 *
 * <p>A slot is <em>pinned</em> when its array belongs to someone else or must survive the call: a
 * function input, a shared variable's value, a constant, a function output or an update result.
 * Every other slot holds a pool buffer that goes back to the {@link BufferPool} right after its last
 * reader. For an elementwise node (an {@link Elemwise} or a fused {@link Composite}) the buffers of
 * inputs it reads last are returned <em>before</em> its outputs are taken, so an output of the same
 * shape and dtype reuses an input's storage: the loop reads element {@code j} of every input before
 * it writes element {@code j}, and a broadcast input never has the output's shape, so this is safe
 * (in-place elementwise). Other nodes return them after they ran.
 *
 * <p>An update {@code S <- u} is written into {@code S}'s own array when {@code u} is computed by a
 * node that is the last reader of {@code S} and is elementwise (or a gemm reading {@code S} only as its
 * added term), or runs after every reader of {@code S}; when {@code S} is neither a function output nor the update value of another variable;
 * and when no other variable takes the same update value. The plan checks the shape at run time.
 * If a later node of the same call then fails, {@code S} has already changed (as with Theano's
 * in-place updates).
 */
final class MemoryPlan {
    /** Pool slots whose buffers are released before node {@code n} takes its outputs. */
    final int[][] releaseBefore;
    /** Pool slots whose buffers are released after node {@code n} ran. */
    final int[][] releaseAfter;
    /** For node {@code n}, output {@code o}: the index of the shared variable to write into, or -1. */
    final int[][] writeInto;
    /** Pinned slots computed by nodes (outputs and update results), released at the start of the next call. */
    final int[] heldAcrossCalls;
    /** Whether each slot's value is computed by a node of the plan. */
    final boolean[] computed;

    MemoryPlan(int slotCount, List<Apply> nodes, int[][] inputSlots, int[][] outputSlots, int[] pinnedSlots,
               int[] outputSlotsOfFunction, int[] sharedSlots, int[] updateValueSlots, int[] updateTargetIndex) {
        computed = new boolean[slotCount];
        for (int[] outs : outputSlots) {
            for (int s : outs) {
                computed[s] = true;
            }
        }
        boolean[] pinned = new boolean[slotCount];
        for (int s : pinnedSlots) {
            pinned[s] = true;
        }
        int[] lastReader = new int[slotCount];
        Arrays.fill(lastReader, -1);
        for (int n = 0; n < nodes.size(); n++) {
            for (int s : inputSlots[n]) {
                lastReader[s] = n;
            }
        }
        releaseBefore = new int[nodes.size()][];
        releaseAfter = new int[nodes.size()][];
        writeInto = new int[nodes.size()][];
        for (int n = 0; n < nodes.size(); n++) {
            Set<Integer> dying = new LinkedHashSet<>();
            for (int s : inputSlots[n]) {
                if (computed[s] && !pinned[s] && lastReader[s] == n) {
                    dying.add(s);
                }
            }
            List<Integer> after = new ArrayList<>();
            for (int s : outputSlots[n]) {
                if (!pinned[s] && lastReader[s] == -1) {
                    after.add(s);
                }
            }
            boolean elementwise = isElementwise(nodes.get(n));
            int[] dyingSlots = dying.stream().mapToInt(Integer::intValue).toArray();
            releaseBefore[n] = elementwise ? dyingSlots : new int[0];
            if (!elementwise) {
                dying.forEach(after::add);
            }
            releaseAfter[n] = after.stream().mapToInt(Integer::intValue).toArray();
            writeInto[n] = new int[outputSlots[n].length];
            Arrays.fill(writeInto[n], -1);
        }
        planUpdatesInPlace(nodes, inputSlots, outputSlots, lastReader, outputSlotsOfFunction, sharedSlots, updateValueSlots,
                updateTargetIndex);
        Set<Integer> held = new LinkedHashSet<>();
        for (int s : pinnedSlots) {
            if (computed[s]) {
                held.add(s);
            }
        }
        heldAcrossCalls = held.stream().mapToInt(Integer::intValue).toArray();
    }

    private void planUpdatesInPlace(List<Apply> nodes, int[][] inputSlots, int[][] outputSlots, int[] lastReader,
                                    int[] functionOutputs,
                                    int[] sharedSlots, int[] updateValueSlots, int[] updateTargetIndex) {
        for (int u = 0; u < updateValueSlots.length; u++) {
            int value = updateValueSlots[u];
            if (updateTargetIndex[u] < 0) {
                continue;
            }
            int target = sharedSlots[updateTargetIndex[u]];
            if (!computed[value] || contains(functionOutputs, target) || contains(updateValueSlots, target)
                    || count(updateValueSlots, value) != 1) {
                continue;
            }
            for (int n = 0; n < nodes.size(); n++) {
                int o = indexOf(outputSlots[n], value);
                if (o < 0) {
                    continue;
                }
                boolean afterReaders = lastReader[target] < n;
                boolean lastReadHere = lastReader[target] == n
                        && (isElementwise(nodes.get(n)) || addsToItsOwnC(nodes.get(n), inputSlots[n], target));
                if (afterReaders || lastReadHere) {
                    writeInto[n][o] = updateTargetIndex[u];
                }
            }
        }
    }

    /**
     * A gemm/gemv (or a sum of two products) that reads {@code target} only as its added term C: BLAS computes
     * {@code C = alpha A·B + beta C} in C's own storage, so {@code W <- W - lr * A·B} can too.
     */
    private static boolean addsToItsOwnC(Apply node, int[] inputs, int target) {
        boolean product = node.op() instanceof org.gradus.ops.linalg.Gemm || node.op() instanceof org.gradus.ops.linalg.Gemv
                || node.op() instanceof org.gradus.ops.linalg.GemmOfTwoProducts;
        if (!product || inputs[0] != target) {
            return false;
        }
        // the operands (every input between alpha and beta) must be other arrays
        for (int i = 2; i < inputs.length - 1; i++) {
            if (inputs[i] == target) {
                return false;
            }
        }
        return true;
    }

    static boolean isElementwise(Apply node) {
        return node.op() instanceof Elemwise || node.op() instanceof Composite;
    }

    private static boolean contains(int[] a, int v) {
        return indexOf(a, v) >= 0;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static int count(int[] a, int v) {
        int c = 0;
        for (int x : a) {
            c += x == v ? 1 : 0;
        }
        return c;
    }
}
