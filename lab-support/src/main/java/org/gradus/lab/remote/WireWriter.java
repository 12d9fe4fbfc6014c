package org.gradus.lab.remote;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.gradus.Config;
import org.gradus.compile.Function;
import org.gradus.graph.Graphs;
import org.gradus.graph.SourceSite;
import org.gradus.ops.random.RandomStreams;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Writes values as data: what a lab step returns (or the judge passes to it) becomes bytes that
 * {@link WireReader} turns back into values of the reader's own engine. Graphs are written as their
 * nodes in topological order, each variable once per exchange (see {@link VariableTable}).
 */
public final class WireWriter {
    private final DataOutputStream out;
    private final VariableTable table;
    private final GraphWriter graphs;
    private int depth;

    public WireWriter(OutputStream out, VariableTable table) {
        this.out = out instanceof DataOutputStream d ? d : new DataOutputStream(out);
        this.table = table;
        this.graphs = new GraphWriter(this.out, table, this);
    }

    /** Writes one value; throws {@link WireException} for a value of a kind that cannot be sent. */
    public void write(Object value) throws IOException {
        if (++depth > Wire.MAX_DEPTH) {
            throw new WireException("the value nests deeper than " + Wire.MAX_DEPTH + " levels");
        }
        try {
            writeValue(value);
        } finally {
            depth--;
        }
    }

    private void writeValue(Object value) throws IOException {
        if (value == null) {
            out.writeByte(Wire.NULL);
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? Wire.TRUE : Wire.FALSE);
        } else if (value instanceof Integer i) {
            out.writeByte(Wire.INT);
            out.writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte(Wire.LONG);
            out.writeLong(l);
        } else if (value instanceof Double d) {
            out.writeByte(Wire.DOUBLE);
            out.writeDouble(d);
        } else if (value instanceof Float f) {
            out.writeByte(Wire.FLOAT);
            out.writeFloat(f);
        } else if (value instanceof Short s) {
            out.writeByte(Wire.SHORT);
            out.writeShort(s);
        } else if (value instanceof Byte b) {
            out.writeByte(Wire.BYTE);
            out.writeByte(b);
        } else if (value instanceof Character c) {
            out.writeByte(Wire.CHAR);
            out.writeChar(c);
        } else if (value instanceof String s) {
            out.writeByte(Wire.STRING);
            writeString(s);
        } else if (value instanceof Enum<?> e) {
            out.writeByte(Wire.ENUM);
            writeString(e.getDeclaringClass().getName());
            writeString(e.name());
        } else if (value instanceof NDArray a) {
            out.writeByte(Wire.NDARRAY);
            graphs.writeArray(a);
        } else if (value instanceof TensorVariable v) {
            out.writeByte(Wire.VARIABLE);
            graphs.writeVariable(v);
        } else if (value instanceof RandomStreams stream) {
            out.writeByte(Wire.RANDOM_STREAMS);
            table.addStream(stream);
            writeStream(stream);
        } else if (value instanceof Function f) {
            out.writeByte(Wire.FUNCTION);
            graphs.writeFunction(f.spec());
        } else if (value instanceof XYChart chart) {
            out.writeByte(Wire.CHART);
            writeChart(chart);
        } else if (value instanceof GraphOperator op) {
            writeOperator(op);
        } else if (value instanceof RecordData data) {
            out.writeByte(Wire.RECORD);
            writeString(data.className());
            out.writeInt(data.components().size());
            for (Map.Entry<String, Object> e : data.components().entrySet()) {
                writeString(e.getKey());
                write(e.getValue());
            }
        } else if (value instanceof Record record) {
            writeRecord(record);
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte(Wire.MAP);
            out.writeInt(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                write(e.getKey());
                write(e.getValue());
            }
        } else if (value instanceof Collection<?> list) {
            out.writeByte(Wire.LIST);
            out.writeInt(list.size());
            for (Object element : list) {
                write(element);
            }
        } else if (value.getClass().isArray()) {
            writeJavaArray(value);
        } else if (value instanceof UnaryOperator<?> operator) {
            writeOperator(asGraphOperator(operator));
        } else {
            throw new WireException("a " + value.getClass().getName() + " cannot be sent as data");
        }
    }

    @SuppressWarnings("unchecked")
    private static GraphOperator asGraphOperator(UnaryOperator<?> operator) {
        TensorVariable parameter = new TensorVariable(TensorType.unknownShape(Config.get().floatX(), 2), null, 0,
                "input", SourceSite.UNKNOWN);
        Object body = ((UnaryOperator<Object>) operator).apply(parameter);
        if (!(body instanceof TensorVariable tensor)) {
            throw new WireException("a function of tensors returned " + body + " for a matrix input");
        }
        return new GraphOperator(parameter, tensor);
    }

    /** A random stream as its seed and its states (shared variables with their default updates), in call order. */
    public void writeStream(RandomStreams stream) throws IOException {
        List<SharedVariable> states = stream.states();
        out.writeLong(stream.seed());
        out.writeInt(states.size());
        for (SharedVariable state : states) {
            graphs.writeVariable(state);
        }
    }

    private void writeOperator(GraphOperator op) throws IOException {
        out.writeByte(Wire.OPERATOR);
        graphs.writeVariable(op.parameter());
        graphs.writeVariable(op.body());
    }

    private void writeRecord(Record record) throws IOException {
        RecordComponent[] components = record.getClass().getRecordComponents();
        out.writeByte(Wire.RECORD);
        writeString(record.getClass().getName());
        out.writeInt(components.length);
        for (RecordComponent component : components) {
            writeString(component.getName());
            Object value;
            try {
                var accessor = component.getAccessor();
                accessor.setAccessible(true);
                value = accessor.invoke(record);
            } catch (ReflectiveOperationException | RuntimeException unreadable) {
                throw new WireException("could not read " + record.getClass().getSimpleName() + "." + component.getName()
                        + ": " + unreadable);
            }
            write(value);
        }
    }

    private void writeJavaArray(Object array) throws IOException {
        Class<?> component = array.getClass().getComponentType();
        int n = Array.getLength(array);
        if (component.isPrimitive()) {
            out.writeByte(Wire.PRIMITIVE_ARRAY);
            out.writeChar(primitiveCode(component));
            out.writeInt(n);
            for (int i = 0; i < n; i++) {
                switch (primitiveCode(component)) {
                    case 'D' -> out.writeDouble(Array.getDouble(array, i));
                    case 'F' -> out.writeFloat(Array.getFloat(array, i));
                    case 'I' -> out.writeInt(Array.getInt(array, i));
                    case 'J' -> out.writeLong(Array.getLong(array, i));
                    case 'Z' -> out.writeBoolean(Array.getBoolean(array, i));
                    case 'B' -> out.writeByte(Array.getByte(array, i));
                    case 'S' -> out.writeShort(Array.getShort(array, i));
                    default -> out.writeChar(Array.getChar(array, i));
                }
            }
            return;
        }
        out.writeByte(Wire.OBJECT_ARRAY);
        writeString(component.isArray() ? component.getName() : "[" + objectKind(component));
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            write(Array.get(array, i));
        }
    }

    /** The element kind of an object array the reader may rebuild: nested primitive arrays, else plain objects. */
    private static String objectKind(Class<?> component) {
        return component == String.class ? "Ljava.lang.String;" : "Ljava.lang.Object;";
    }

    static char primitiveCode(Class<?> type) {
        if (type == double.class) {
            return 'D';
        } else if (type == float.class) {
            return 'F';
        } else if (type == int.class) {
            return 'I';
        } else if (type == long.class) {
            return 'J';
        } else if (type == boolean.class) {
            return 'Z';
        } else if (type == byte.class) {
            return 'B';
        } else if (type == short.class) {
            return 'S';
        }
        return 'C';
    }

    private void writeChart(XYChart chart) throws IOException {
        write(chart.getTitle());
        write(chart.getXAxisTitle());
        write(chart.getYAxisTitle());
        out.writeInt(chart.getWidth());
        out.writeInt(chart.getHeight());
        Map<String, XYSeries> series = chart.getSeriesMap();
        out.writeInt(series.size());
        for (XYSeries s : series.values()) {
            writeString(s.getName());
            write(s.getXData());
            write(s.getYData());
        }
    }

    private void writeString(String s) throws IOException {
        String text = cut(s, Wire.MAX_STRING / 4);
        out.writeUTF(text);
    }

    /** Student text longer than {@code max} characters is cut, with a mark that says so. */
    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + " ... [cut]";
    }
}
