package org.gradus.lab.remote;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.gradus.ops.random.RandomStreams;
import org.gradus.tensor.TensorVariable;

/**
 * The variables both sides of one exchange know by number. A request's writer numbers the variables
 * it sends; the reader on the other side numbers what it rebuilds the same way; the reply then refers
 * to those numbers, so a graph that comes back built on a variable that was sent (an input, a shared
 * weight) is built on the sender's own object.
 */
public final class VariableTable {
    private final Map<TensorVariable, Integer> ids = new IdentityHashMap<>();
    private final List<TensorVariable> variables = new ArrayList<>();
    private final List<RandomStreams> streams = new ArrayList<>();

    /** The number of a known variable, or -1. */
    int idOf(TensorVariable variable) {
        Integer id = ids.get(variable);
        return id == null ? -1 : id;
    }

    /** Numbers a new variable. */
    int add(TensorVariable variable) {
        int id = variables.size();
        variables.add(variable);
        ids.put(variable, id);
        return id;
    }

    /** The variable with this number; the reader checks the number first. */
    TensorVariable get(int id) {
        return variables.get(id);
    }

    public int size() {
        return variables.size();
    }

    boolean knows(TensorVariable variable) {
        return ids.containsKey(variable);
    }

    /** Every variable numbered so far, in order. */
    public List<TensorVariable> variables() {
        return List.copyOf(variables);
    }

    /** Numbers a random stream (sent or rebuilt), so that its states can be brought back after the call. */
    void addStream(RandomStreams stream) {
        for (RandomStreams known : streams) {
            if (known == stream) {
                return;
            }
        }
        streams.add(stream);
    }

    /** Every random stream numbered so far, in order. */
    public List<RandomStreams> streams() {
        return List.copyOf(streams);
    }
}
