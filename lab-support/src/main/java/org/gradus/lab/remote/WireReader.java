package org.gradus.lab.remote;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gradus.compile.FunctionSpec;
import org.gradus.compile.Mode;
import org.gradus.graph.Apply;
import org.gradus.graph.SourceSite;
import org.gradus.ops.Op;
import org.gradus.ops.random.RandomStreams;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;
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
    private int depth;

    public WireReader(InputStream in, VariableTable table, ClassPolicy policy) {
        this.in = in instanceof DataInputStream d ? d : new DataInputStream(in);
        this.table = table;
        this.policy = policy;
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
                return readArray();
            case Wire.VARIABLE:
                return readVariable();
            case Wire.FUNCTION:
                return readFunctionSpec().rebuild();
            case Wire.CHART:
                return readChart();
            case Wire.RANDOM_STREAMS: {
                RandomStreams stream = new RandomStreams(0);
                readStreamInto(stream);
                table.addStream(stream);
                return stream;
            }
            case Wire.OPERATOR:
                return new GraphOperator(readVariable(), readVariable());
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
            if (!(readVariable() instanceof SharedVariable state)) {
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

    // ---------------------------------------------------------------- graphs

    private FunctionSpec readFunctionSpec() throws IOException {
        List<TensorVariable> inputs = readVariables();
        List<TensorVariable> outputs = readVariables();
        Map<SharedVariable, TensorVariable> updates = new LinkedHashMap<>();
        int n = count();
        for (int i = 0; i < n; i++) {
            TensorVariable target = readVariable();
            if (!(target instanceof SharedVariable shared)) {
                throw new WireException("an update targets " + target.describe() + ", which is not a shared variable");
            }
            updates.put(shared, readVariable());
        }
        Map<TensorVariable, TensorVariable> givens = new LinkedHashMap<>();
        n = count();
        for (int i = 0; i < n; i++) {
            givens.put(readVariable(), readVariable());
        }
        Mode mode;
        try {
            mode = Mode.valueOf(in.readUTF());
        } catch (IllegalArgumentException unknown) {
            throw new WireException("unknown mode: " + unknown.getMessage());
        }
        Set<String> including = readStrings();
        Set<String> excluding = readStrings();
        Object device = read();
        return new FunctionSpec(inputs, outputs, updates, givens, mode, including, excluding,
                device instanceof String s ? s : null);
    }

    private List<TensorVariable> readVariables() throws IOException {
        int n = count();
        List<TensorVariable> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(readVariable());
        }
        return list;
    }

    private Set<String> readStrings() throws IOException {
        int n = count();
        Set<String> set = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            set.add(in.readUTF());
        }
        return set;
    }

    private TensorVariable readVariable() throws IOException {
        while (true) {
            byte kind = in.readByte();
            switch (kind) {
                case Wire.DEF_END:
                    return variable(in.readInt());
                case Wire.DEF_INPUT: {
                    expectNextId();
                    TensorType type = readType();
                    String name = (String) read();
                    SourceSite site = readSite();
                    table.add(new TensorVariable(type, null, 0, name, site));
                    break;
                }
                case Wire.DEF_CONSTANT: {
                    expectNextId();
                    NDArray value = readArray();
                    boolean weak = in.readBoolean();
                    String name = (String) read();
                    table.add(TensorConstant.restore(value, weak, name));
                    break;
                }
                case Wire.DEF_SHARED: {
                    expectNextId();
                    NDArray value = readArray();
                    String name = (String) read();
                    readSite();
                    table.add(new SharedVariable(value, name));
                    break;
                }
                case Wire.DEF_DEFAULT_UPDATE: {
                    TensorVariable target = variable(in.readInt());
                    TensorVariable update = variable(in.readInt());
                    if (!(target instanceof SharedVariable shared)) {
                        throw new WireException("a default update targets a variable that is not shared");
                    }
                    shared.setDefaultUpdate(update);
                    break;
                }
                case Wire.DEF_APPLY:
                    readApply();
                    break;
                default:
                    throw new WireException("unknown graph definition " + kind);
            }
        }
    }

    private void readApply() throws IOException {
        Object op = read();
        if (!(op instanceof Op trusted)) {
            String name = op instanceof RecordData data ? data.className() : String.valueOf(op);
            throw new WireException("the graph uses an op this side does not know: " + name
                    + " (only the engine's own ops can be judged)");
        }
        int n = count();
        List<TensorVariable> inputs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            inputs.add(variable(in.readInt()));
        }
        int outputs = count();
        List<Integer> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            ids.add(in.readInt());
            names.add((String) read());
        }
        SourceSite site = readSite();
        Apply node = new Apply(trusted, inputs, trusted.outputTypes(inputs), site == null ? SourceSite.UNKNOWN : site);
        if (node.outputs().size() != outputs) {
            throw new WireException(trusted.name() + " makes " + node.outputs().size() + " outputs, not " + outputs);
        }
        for (int i = 0; i < outputs; i++) {
            if (ids.get(i) != table.size()) {
                throw new WireException("graph variables arrived out of order");
            }
            TensorVariable output = node.output(i);
            if (names.get(i) != null) {
                output.setName(names.get(i));
            }
            table.add(output);
        }
        if (table.size() > Wire.MAX_VARIABLES) {
            throw new WireException("the graph has more than " + Wire.MAX_VARIABLES + " variables");
        }
    }

    private void expectNextId() throws IOException {
        int id = in.readInt();
        if (id != table.size()) {
            throw new WireException("graph variables arrived out of order (" + id + " after " + table.size() + ")");
        }
        if (id >= Wire.MAX_VARIABLES) {
            throw new WireException("the graph has more than " + Wire.MAX_VARIABLES + " variables");
        }
    }

    private TensorVariable variable(int id) {
        if (id < 0 || id >= table.size()) {
            throw new WireException("a graph edge refers to the unknown variable " + id);
        }
        return table.get(id);
    }

    private TensorType readType() throws IOException {
        DType dtype = dtype(in.readUTF());
        int ndim = in.readInt();
        if (ndim < 0 || ndim > Wire.MAX_RANK) {
            throw new WireException("a rank of " + ndim + " is out of bounds");
        }
        int[] shape = new int[ndim];
        for (int i = 0; i < ndim; i++) {
            shape[i] = in.readInt();
            if (shape[i] < TensorType.UNKNOWN) {
                throw new WireException("a static length of " + shape[i] + " is out of bounds");
            }
        }
        return TensorType.of(dtype, shape);
    }

    private SourceSite readSite() throws IOException {
        if (!in.readBoolean()) {
            return SourceSite.UNKNOWN;
        }
        String className = in.readUTF();
        String method = in.readUTF();
        Object file = read();
        int line = in.readInt();
        return new SourceSite(className, method, file instanceof String s ? s : null, line);
    }

    private NDArray readArray() throws IOException {
        DType dtype = dtype(in.readUTF());
        int ndim = in.readInt();
        if (ndim < 0 || ndim > Wire.MAX_RANK) {
            throw new WireException("a rank of " + ndim + " is out of bounds");
        }
        int[] shape = new int[ndim];
        long size = 1;
        for (int i = 0; i < ndim; i++) {
            shape[i] = in.readInt();
            size *= Math.max(shape[i], 0);
            if (shape[i] < 0 || size > Wire.MAX_ELEMENTS) {
                throw new WireException("an array of shape " + java.util.Arrays.toString(shape) + " is out of bounds");
            }
        }
        NDArray a = NDArray.zeros(dtype, shape);
        int n = (int) size;
        switch (dtype) {
            case FLOAT64 -> {
                for (int i = 0; i < n; i++) {
                    a.set(i, in.readDouble());
                }
            }
            case FLOAT32 -> {
                for (int i = 0; i < n; i++) {
                    a.set(i, in.readFloat());
                }
            }
            case INT64 -> {
                for (int i = 0; i < n; i++) {
                    a.setLong(i, in.readLong());
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    a.setLong(i, in.readInt());
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    a.setLong(i, in.readUnsignedByte());
                }
            }
        }
        return a;
    }

    private static DType dtype(String name) {
        try {
            return DType.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            throw new WireException("unknown dtype " + name);
        }
    }
}
