package org.gradus.lab.remote;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Fits a value read from the wire to a declared parameter or component type, or says why it does not fit. */
final class Conversions {
    private static final Map<Class<?>, Class<?>> BOXES = Map.of(int.class, Integer.class, long.class, Long.class,
            double.class, Double.class, float.class, Float.class, boolean.class, Boolean.class, byte.class, Byte.class,
            short.class, Short.class, char.class, Character.class);

    private Conversions() {
    }

    /** Whether {@code value} can be passed where {@code type} is declared. */
    static boolean fits(Class<?> type, Object value) {
        if (value == null) {
            return !type.isPrimitive();
        }
        Class<?> boxed = type.isPrimitive() ? BOXES.get(type) : type;
        if (boxed.isInstance(value)) {
            return true;
        }
        return (type == List.class || type == Collection.class || type == Set.class) && value instanceof Collection<?>;
    }

    /** The value as {@code type} wants it; {@code where} names the parameter in the error. */
    static Object to(Class<?> type, Object value, String where) {
        if (!fits(type, value)) {
            throw new WireException(where + " needs a " + type.getSimpleName() + " but got "
                    + (value == null ? "null" : "a " + value.getClass().getSimpleName()));
        }
        if (type == Set.class && !(value instanceof Set<?>)) {
            return new LinkedHashSet<>((Collection<?>) value);
        }
        if (type == List.class && !(value instanceof List<?>)) {
            return new ArrayList<>((Collection<?>) value);
        }
        return value;
    }
}
