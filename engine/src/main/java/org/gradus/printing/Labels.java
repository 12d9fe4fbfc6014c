package org.gradus.printing;

import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.elemwise.Elemwise;
import org.gradus.ops.reduce.Reduce;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/** The short texts the three printers share: op labels, types, constant values and placeholders. */
final class Labels {
    /** Constants with more elements than this print as a placeholder instead of their value. */
    static final int MAX_CONSTANT_ELEMENTS = 8;

    private Labels() {
    }

    /** {@code Elemwise{add}} for elementwise ops, the node's {@link #opName} otherwise ({@code dot}, {@code sum}). */
    static String opLabel(Apply node) {
        Op op = node.op();
        if (op instanceof Elemwise) {
            return "Elemwise{" + ((Elemwise) op).scalarOp().name() + "}";
        }
        return opName(node);
    }

    /** The op's name, except that a reduction over every axis is just {@code sum} rather than {@code sum[0,1]}. */
    static String opName(Apply node) {
        Op op = node.op();
        if (op instanceof Reduce && ((Reduce) op).axes().size() == node.input(0).ndim()) {
            return ((Reduce) op).kind().lowerName();
        }
        return op.name();
    }

    /** The op label of the node computing {@code v}, with {@code .out<i>} for nodes of several outputs. */
    static String ownerLabel(TensorVariable v) {
        Apply owner = v.owner();
        String label = opLabel(owner);
        return owner.outputs().size() > 1 ? label + ".out" + v.index() : label;
    }

    /** E.g. {@code float64 (?, 3)}. */
    static String typeText(TensorType type) {
        return type.dtype() + " " + type.shapeString();
    }

    /** The value on one line ({@code 2.0}, {@code 1}, {@code [1.0 2.0]}), or {@code null} when too large. */
    static String constantValue(TensorConstant c) {
        if (c.valueView().size() > MAX_CONSTANT_ELEMENTS) {
            return null;
        }
        // NumPy-style matrices span several lines; printers need one
        return c.valueView().toString().replaceAll("\\s*\\n\\s*", " ");
    }

    /** The value when small, else a placeholder such as {@code <constant float64 (3, 4)>}. */
    static String constantText(TensorConstant c) {
        String value = constantValue(c);
        return value != null ? value : "<constant " + typeText(c.type()) + ">";
    }

    /** A placeholder for an unnamed root: {@code <float64 matrix>} or {@code <shared float64 matrix>}. */
    static String placeholder(TensorVariable v) {
        String prefix = v instanceof SharedVariable ? "shared " : "";
        return "<" + prefix + v.dtype() + " " + v.type().kindName() + ">";
    }

    /** The name in single quotes, or {@code null} for an unnamed variable. */
    static String quotedName(TensorVariable v) {
        return v.name() == null ? null : "'" + v.name() + "'";
    }
}
