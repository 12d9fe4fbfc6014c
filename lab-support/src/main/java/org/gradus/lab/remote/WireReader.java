package org.gradus.lab.remote;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradus.ops.random.RandomStreams;
import org.gradus.tensor.SharedVariable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * Reads what {@link WireWriter} wrote and rebuilds it in this JVM's engine: every graph node is made
 * again with its op's own type inference ({@code op.outputTypes}), every function is compiled again
 * from its spec. Classes are instantiated only as the {@link ClassPolicy} allows; everything read is
 * bounded (nesting, lengths, counts), so malformed or hostile bytes end in a {@link WireException}.
 */
public final class WireReader {
    private final DataInputStream in;
    private final VariableTable table;
    private final ClassPolicy policy;
    private final GraphReader graphs;
    private int depth;

    public WireReader(InputStream in, VariableTable table, ClassPolicy policy) {
        this.in = in instanceof DataInputStream d ? d : new DataInputStream(in);
        this.table = table;
        this.policy = policy;
        this.graphs = new GraphReader(this.in, table, this);
    }

    /** Reads one value. */
    public Object read() throws IOException {
        if (++depth > Wire.MAX_DEPTH) {
            throw new WireException("the data nests deeper than " + Wire.MAX_DEPTH + " levels");
        }
        try {
            return readValue();
        } finally {
            depth--;
        }
    }

    private Object readValue() throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case Wire.NULL:
                return null;
            case Wire.TRUE:
                return true;
            case Wire.FALSE:
                return false;
            case Wire.INT:
                return in.readInt();
            case Wire.LONG:
                return in.readLong();
            case Wire.DOUBLE:
                return in.readDouble();
            case Wire.FLOAT:
                return in.readFloat();
            case Wire.SHORT:
                return in.readShort();
            case Wire.BYTE:
                return in.readByte();
            case Wire.CHAR:
                return in.readChar();
            case Wire.STRING:
                return in.readUTF();
            case Wire.ENUM:
                return readEnum();
            case Wire.NDARRAY:
                return graphs.readArray();
            case Wire.VARIABLE:
                return graphs.readVariable();
            case Wire.FUNCTION:
                return graphs.readFunctionSpec().rebuild();
            case Wire.CHART:
                return readChart();
            case Wire.RANDOM_STREAMS: {
                RandomStreams stream = new RandomStreams(0);
                readStreamInto(stream);
                table.addStream(stream);
                return stream;
            }
            case Wire.OPERATOR:
                return new GraphOperator(graphs.readVariable(), graphs.readVariable());
            case Wire.RECORD:
                return readRecord();
            case Wire.MAP: {
                int n = count();
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    map.put(read(), read());
                }
                return map;
            }
            case Wire.LIST: {
                int n = count();
                List<Object> list = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    list.add(read());
                }
                return list;
            }
            case Wire.PRIMITIVE_ARRAY:
                return readPrimitiveArray();
            case Wire.OBJECT_ARRAY:
                return readObjectArray();
            default:
                throw new WireException("unknown value tag " + tag);
        }
    }

    private int count() throws IOException {
        int n = in.readInt();
        if (n < 0 || n > Wire.MAX_ELEMENTS) {
            throw new WireException("a count of " + n + " elements is out of bounds");
        }
        return n;
    }

    /** Reads a random stream as {@link WireWriter#writeStream} wrote it and makes {@code stream} its copy. */
    public void readStreamInto(RandomStreams stream) throws IOException {
        long seed = in.readLong();
        int n = count();
        List<SharedVariable> states = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            if (!(graphs.readVariable() instanceof SharedVariable state)) {
                throw new WireException("the state of a random stream is not a shared variable");
            }
            states.add(state);
        }
        stream.restore(seed, states);
    }

    private Object readEnum() throws IOException {
        String className = in.readUTF();
        String name = in.readUTF();
        Class<?> type = policy.resolve(className);
        if (type == null || !type.isEnum()) {
            return new RecordData(className, Map.of("name", name));
        }
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        throw new WireException(className + " has no constant " + name);
    }

    private Object readRecord() throws IOException {
        String className = in.readUTF();
        int n = count();
        Map<String, Object> components = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            components.put(in.readUTF(), read());
        }
        Class<?> type = policy.resolve(className);
        if (type == null || !type.isRecord()) {
            return new RecordData(className, components);
        }
        RecordComponent[] declared = type.getRecordComponents();
        Object[] args = new Object[declared.length];
        Class<?>[] types = new Class<?>[declared.length];
        for (int i = 0; i < declared.length; i++) {
            types[i] = declared[i].getType();
            if (!components.containsKey(declared[i].getName())) {
                throw new WireException(type.getSimpleName() + " arrived without its component " + declared[i].getName());
            }
            args[i] = Conversions.to(types[i], components.get(declared[i].getName()), type.getSimpleName() + "."
                    + declared[i].getName());
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (java.lang.reflect.InvocationTargetException refused) {
            throw new WireException(type.getSimpleName() + " refused its components: " + refused.getCause());
        } catch (ReflectiveOperationException | RuntimeException notMade) {
            throw new WireException("could not make a " + type.getSimpleName() + ": " + notMade);
        }
    }

    private Object readPrimitiveArray() throws IOException {
        char code = in.readChar();
        int n = count();
        switch (code) {
            case 'D': {
                double[] a = new double[n];
                for (int i = 0; i < n; i++) {
                    a[i] = in.readDouble();
                }
                return a;
            }
            case 'F': {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = in.readFloat();
                }
                return a;
            }
            case 'I': {
                int[] a = new int[n];
                for (int i = 0; i < n; i++) {
                    a[i] = in.readInt();
                }
                return a;
            }
            case 'J': {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = in.readLong();
                }
                return a;
            }
            case 'Z': {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) {
                    a[i] = in.readBoolean();
                }
                return a;
            }
            case 'B': {
                byte[] a = new byte[n];
                in.readFully(a);
                return a;
            }
            case 'S': {
                short[] a = new short[n];
                for (int i = 0; i < n; i++) {
                    a[i] = in.readShort();
                }
                return a;
            }
            case 'C': {
                char[] a = new char[n];
                for (int i = 0; i < n; i++) {
                    a[i] = in.readChar();
                }
                return a;
            }
            default:
                throw new WireException("unknown primitive array code " + code);
        }
    }

    private Object readObjectArray() throws IOException {
        String descriptor = in.readUTF();
        int n = count();
        Class<?> component = arrayComponent(descriptor);
        Object array = Array.newInstance(component, Math.min(n, Wire.MAX_ELEMENTS));
        for (int i = 0; i < n; i++) {
            Object element = read();
            if (element != null && !component.isInstance(element)) {
                throw new WireException("an array of " + component.getSimpleName() + " holds a "
                        + element.getClass().getSimpleName());
            }
            Array.set(array, i, element);
        }
        return array;
    }

    /** Only arrays of primitive arrays (any depth), strings and plain objects are rebuilt. */
    private static Class<?> arrayComponent(String descriptor) {
        if (descriptor.equals("[Ljava.lang.String;")) {
            return String.class;
        }
        if (descriptor.equals("[Ljava.lang.Object;")) {
            return Object.class;
        }
        if (descriptor.matches("\\[{1," + Wire.MAX_RANK + "}[DFIJZBSC]")) {
            try {
                return Class.forName(descriptor);
            } catch (ClassNotFoundException impossible) {
                throw new WireException("unknown array type " + descriptor);
            }
        }
        throw new WireException("arrays of " + descriptor + " cannot be read");
    }

    private XYChart readChart() throws IOException {
        String title = (String) read();
        String xTitle = (String) read();
        String yTitle = (String) read();
        int width = Math.max(1, Math.min(in.readInt(), 10_000));
        int height = Math.max(1, Math.min(in.readInt(), 10_000));
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title == null ? "" : title)
                .xAxisTitle(xTitle == null ? "" : xTitle).yAxisTitle(yTitle == null ? "" : yTitle).build();
        int n = count();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            Object x = read();
            Object y = read();
            if (!(x instanceof double[] xs) || !(y instanceof double[] ys)) {
                throw new WireException("a chart series arrived without its data");
            }
            chart.addSeries(name, xs, ys);
        }
        return chart;
    }
}
