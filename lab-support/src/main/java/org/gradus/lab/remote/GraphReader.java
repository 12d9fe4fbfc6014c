package org.gradus.lab.remote;

import java.io.DataInputStream;
import java.io.IOException;
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
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/**
 * The graph half of {@link WireReader}: variables, nodes, constants, shared values and function specs,
 * each rebuilt in this JVM's engine. Every node is made again with its op's own type inference
 * ({@code op.outputTypes}); only values that are ops can become nodes, and every number read is bounded.
 */
final class GraphReader {
    private final DataInputStream in;
    private final VariableTable table;
    private final WireReader values;

    GraphReader(DataInputStream in, VariableTable table, WireReader values) {
        this.in = in;
        this.table = table;
        this.values = values;
    }

    private int count() throws IOException {
        int n = in.readInt();
        if (n < 0 || n > Wire.MAX_ELEMENTS) {
            throw new WireException("a count of " + n + " elements is out of bounds");
        }
        return n;
    }


    FunctionSpec readFunctionSpec() throws IOException {
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
        Object device = values.read();
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

    TensorVariable readVariable() throws IOException {
        while (true) {
            byte kind = in.readByte();
            switch (kind) {
                case Wire.DEF_END:
                    return variable(in.readInt());
                case Wire.DEF_INPUT: {
                    expectNextId();
                    TensorType type = readType();
                    String name = (String) values.read();
                    SourceSite site = readSite();
                    table.add(new TensorVariable(type, null, 0, name, site));
                    break;
                }
                case Wire.DEF_CONSTANT: {
                    expectNextId();
                    NDArray value = readArray();
                    boolean weak = in.readBoolean();
                    String name = (String) values.read();
                    table.add(TensorConstant.restore(value, weak, name));
                    break;
                }
                case Wire.DEF_SHARED: {
                    expectNextId();
                    NDArray value = readArray();
                    String name = (String) values.read();
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
        Object op = values.read();
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
            names.add((String) values.read());
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
        Object file = values.read();
        int line = in.readInt();
        return new SourceSite(className, method, file instanceof String s ? s : null, line);
    }

    NDArray readArray() throws IOException {
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
