package org.gradus.lab.remote;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record of a class that the reading side does not (or may not) instantiate, such as a lab's own
 * record read by the judge: its class name and its components by name, in declaration order.
 */
public record RecordData(String className, Map<String, Object> components) {

    public RecordData {
        components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    }

    /** A component, or an error naming what exists when there is no such component. */
    public Object get(String name) {
        if (!components.containsKey(name)) {
            throw new IllegalArgumentException(simpleName() + " has no component \"" + name + "\"; it has "
                    + components.keySet());
        }
        return components.get(name);
    }

    /** A component of an expected type; the error says what came instead. */
    public <V> V get(String name, Class<V> type) {
        Object value = get(name);
        if (value != null && !type.isInstance(value)) {
            throw new IllegalArgumentException(simpleName() + "." + name + " is a " + value.getClass().getSimpleName()
                    + " where a " + type.getSimpleName() + " was expected");
        }
        return type.cast(value);
    }

    /** The class name without its package, e.g. {@code NeuronLab$Neuron}. */
    public String simpleName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
