package org.gradus.tensor;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gradus.types.DType;

/**
 * Conversion of Java values (numbers, booleans, nested primitive or boxed arrays) into
 * {@link NDArray}s, behind {@link NDArray#fromJava(Object, DType)}.
 */
final class JavaArrays {
    private JavaArrays() {
    }

    static NDArray toNDArray(Object value, DType dtype) {
        if (value instanceof NDArray) {
            NDArray a = (NDArray) value;
            return dtype == null || dtype == a.dtype() ? a : a.astype(dtype);
        }
        if (value == null) {
            throw new IllegalArgumentException("cannot convert null to an array");
        }
        List<Integer> dims = new ArrayList<>();
        Class<?> leaf = shapeOf(value, dims);
        DType natural = naturalDType(leaf, value);
        DType target = dtype == null ? natural : dtype;
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        NDArray a = NDArray.zeros(target, shape);
        int[] cursor = {0};
        fill(value, a, cursor, 0, shape);
        return a;
    }

    private static Class<?> shapeOf(Object value, List<Integer> dims) {
        Object cur = value;
        while (cur.getClass().isArray()) {
            int n = Array.getLength(cur);
            dims.add(n);
            if (n == 0) {
                return cur.getClass().getComponentType();
            }
            cur = Array.get(cur, 0);
            if (cur == null) {
                throw new IllegalArgumentException("nested array contains null");
            }
        }
        if (!(cur instanceof Number) && !(cur instanceof Boolean)) {
            throw new IllegalArgumentException("cannot convert a " + cur.getClass().getSimpleName()
                    + " to an array element; use numbers, booleans or arrays of them");
        }
        return cur.getClass();
    }

    private static DType naturalDType(Class<?> leaf, Object value) {
        while (leaf.isArray()) {
            leaf = leaf.getComponentType();
        }
        if (leaf == double.class || leaf == Double.class || leaf == java.math.BigDecimal.class) {
            return DType.FLOAT64;
        } else if (leaf == float.class || leaf == Float.class) {
            return DType.FLOAT32;
        } else if (leaf == int.class || leaf == Integer.class || leaf == short.class || leaf == Short.class) {
            return DType.INT32;
        } else if (leaf == long.class || leaf == Long.class) {
            return DType.INT64;
        } else if (leaf == byte.class || leaf == Byte.class) {
            return DType.UINT8;
        } else if (leaf == boolean.class || leaf == Boolean.class) {
            return DType.BOOL;
        }
        return DType.FLOAT64;
    }

    private static void fill(Object value, NDArray target, int[] cursor, int depth, int[] shape) {
        if (depth == shape.length) {
            if (value instanceof Long || value instanceof Integer) {
                target.setLong(cursor[0]++, ((Number) value).longValue()); // exact for int64
            } else {
                double v = value instanceof Boolean ? (((Boolean) value) ? 1 : 0) : ((Number) value).doubleValue();
                target.set(cursor[0]++, v);
            }
            return;
        }
        if (!value.getClass().isArray() || Array.getLength(value) != shape[depth]) {
            throw new IllegalArgumentException("ragged nested array: expected length " + shape[depth]
                    + " at depth " + depth + " for shape " + Arrays.toString(shape));
        }
        int n = shape[depth];
        for (int i = 0; i < n; i++) {
            Object item = Array.get(value, i);
            if (item == null) {
                throw new IllegalArgumentException("nested array contains null");
            }
            fill(item, target, cursor, depth + 1, shape);
        }
    }
}
