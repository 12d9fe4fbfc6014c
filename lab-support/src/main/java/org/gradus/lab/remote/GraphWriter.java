package org.gradus.lab.remote;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gradus.compile.FunctionSpec;
import org.gradus.grad.UndefinedGradient;
import org.gradus.graph.Apply;
import org.gradus.graph.Graphs;
import org.gradus.graph.SourceSite;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/**
 * The graph half of {@link WireWriter}: each variable a value needs that the exchange does not know
 * yet (inputs, constants, shared values with their default updates, nodes in topological order),
 * and function specs. Student text in names and source sites is cut short.
 */
final class GraphWriter {
    private static final int MAX_SITE_TEXT = 200;

    private final DataOutputStream out;
    private final VariableTable table;
    private final WireWriter values;

    GraphWriter(DataOutputStream out, VariableTable table, WireWriter values) {
        this.out = out;
        this.table = table;
        this.values = values;
    }

    void writeFunction(FunctionSpec spec) throws IOException {
        writeVariables(spec.inputs());
        writeVariables(spec.outputs());
        out.writeInt(spec.updates().size());
        for (Map.Entry<SharedVariable, TensorVariable> e : spec.updates().entrySet()) {
            writeVariable(e.getKey());
            writeVariable(e.getValue());
        }
        out.writeInt(spec.givens().size());
        for (Map.Entry<TensorVariable, TensorVariable> e : spec.givens().entrySet()) {
            writeVariable(e.getKey());
            writeVariable(e.getValue());
        }
        writeString(spec.mode().name());
        writeStrings(spec.including());
        writeStrings(spec.excluding());
        values.write(spec.device());
    }

    private void writeVariables(List<TensorVariable> variables) throws IOException {
        out.writeInt(variables.size());
        for (TensorVariable v : variables) {
            writeVariable(v);
        }
    }

    private void writeStrings(Set<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            writeString(s);
        }
    }


    /** The definitions of every variable {@code v} needs that the table does not know yet, then {@code v}'s number. */
    void writeVariable(TensorVariable v) throws IOException {
        writeDefinitions(v);
        out.writeByte(Wire.DEF_END);
        out.writeInt(table.idOf(v));
    }

    private void writeDefinitions(TensorVariable v) throws IOException {
        if (table.knows(v)) {
            return;
        }
        for (Apply node : Graphs.toposort(List.of(v), Set.copyOf(table.variables()))) {
            for (TensorVariable in : node.inputs()) {
                if (in.owner() == null && !table.knows(in)) {
                    writeRoot(in);
                }
            }
            if (!table.knows(node.output(0))) {
                writeApply(node);
            }
        }
        if (v.owner() == null && !table.knows(v)) {
            writeRoot(v);
        }
    }

    private void writeRoot(TensorVariable v) throws IOException {
        if (v instanceof UndefinedGradient undefined) {
            throw new WireException("the graph holds an undefined gradient (" + undefined.reason() + ")");
        }
        if (v instanceof TensorConstant c) {
            out.writeByte(Wire.DEF_CONSTANT);
            out.writeInt(table.add(v));
            writeArray(c.valueView());
            out.writeBoolean(c.isWeak());
            values.write(c.name());
        } else if (v instanceof SharedVariable s) {
            out.writeByte(Wire.DEF_SHARED);
            out.writeInt(table.add(v));
            writeArray(s.getValue());
            values.write(s.name());
            writeSite(s.site());
            if (s.defaultUpdate() != null) {
                writeDefinitions(s.defaultUpdate());
                out.writeByte(Wire.DEF_DEFAULT_UPDATE);
                out.writeInt(table.idOf(s));
                out.writeInt(table.idOf(s.defaultUpdate()));
            }
        } else {
            out.writeByte(Wire.DEF_INPUT);
            out.writeInt(table.add(v));
            writeType(v.type());
            values.write(v.name());
            writeSite(v.site());
        }
    }

    private void writeApply(Apply node) throws IOException {
        out.writeByte(Wire.DEF_APPLY);
        values.write(node.op());
        out.writeInt(node.inputs().size());
        for (TensorVariable in : node.inputs()) {
            out.writeInt(table.idOf(in));
        }
        out.writeInt(node.outputs().size());
        for (TensorVariable output : node.outputs()) {
            out.writeInt(table.add(output));
            values.write(output.name());
        }
        writeSite(node.site());
    }

    private void writeType(TensorType type) throws IOException {
        writeString(type.dtype().name());
        out.writeInt(type.ndim());
        for (int d : type.shape()) {
            out.writeInt(d);
        }
    }

    private void writeSite(SourceSite site) throws IOException {
        boolean known = site != null && site != SourceSite.UNKNOWN && site.lineNumber() >= 0;
        out.writeBoolean(known);
        if (known) {
            writeString(WireWriter.cut(site.className(), MAX_SITE_TEXT));
            writeString(WireWriter.cut(site.methodName(), MAX_SITE_TEXT));
            values.write(site.fileName() == null ? null : WireWriter.cut(site.fileName(), MAX_SITE_TEXT));
            out.writeInt(site.lineNumber());
        }
    }

    void writeArray(NDArray a) throws IOException {
        DType dtype = a.dtype();
        writeString(dtype.name());
        out.writeInt(a.ndim());
        for (int d : a.shape()) {
            out.writeInt(d);
        }
        int n = a.size();
        switch (dtype) {
            case FLOAT64 -> {
                double[] data = a.toDoubleArray();
                for (int i = 0; i < n; i++) {
                    out.writeDouble(data[i]);
                }
            }
            case FLOAT32 -> {
                float[] data = a.toFloatArray();
                for (int i = 0; i < n; i++) {
                    out.writeFloat(data[i]);
                }
            }
            case INT64 -> {
                for (int i = 0; i < n; i++) {
                    out.writeLong(a.getLong(i));
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    out.writeInt((int) a.getLong(i));
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    out.writeByte((int) a.getLong(i));
                }
            }
        }
    }

    private void writeString(String s) throws IOException {
        out.writeUTF(WireWriter.cut(s, Wire.MAX_STRING / 4));
    }
}
