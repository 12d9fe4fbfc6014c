package org.gradus.graph;

import java.util.concurrent.atomic.AtomicLong;
import org.gradus.types.TensorType;

/**
 * A node of the symbolic graph that stands for a value: a function input, a constant, a shared
 * variable, or an output of an {@link Apply}.
 *
 * <p>The concrete variables users see are {@link org.gradus.tensor.TensorVariable} and its
 * subclasses. Variables compare by identity: two {@code T.scalar()} calls give two different inputs.
 */
public abstract class Variable {
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final TensorType type;
    private final Apply owner;
    private final int index;
    private final SourceSite site;
    private String name;

    protected Variable(TensorType type, Apply owner, int index, String name, SourceSite site) {
        if (type == null) {
            throw new IllegalArgumentException("a variable needs a type");
        }
        this.type = type;
        this.owner = owner;
        this.index = index;
        this.name = name;
        this.site = site == null ? SourceSite.UNKNOWN : site;
    }

    /** A process-wide unique number, used by printers as a stable short id. */
    public long id() {
        return id;
    }

    public TensorType type() {
        return type;
    }

    /** The node that computes this variable, or {@code null} for inputs, constants and shared variables. */
    public Apply owner() {
        return owner;
    }

    /** Which output of its owner this variable is (0 for variables without an owner). */
    public int index() {
        return index;
    }

    /** The user-given name, or {@code null}. */
    public String name() {
        return name;
    }

    /** Sets the label shown by printers and error messages; it does not change the graph. */
    protected void setNameLabel(String newName) {
        this.name = newName;
    }

    /** Where the user created this variable. */
    public SourceSite site() {
        return site;
    }

    /** True for variables with no owner that are neither constants nor shared: the function inputs. */
    public boolean isRootInput() {
        return owner == null;
    }

    /** A short description for error messages, e.g. {@code 'x' (matrix float64 (?, 3), created at Lab.java:12)}. */
    public String describe() {
        String label = name != null ? "'" + name + "'" : (owner != null ? "output of " + owner.op().name() : "unnamed " + type.kindName());
        return label + " (" + type.kindName() + " " + type.dtype() + " " + type.shapeString() + ", created at " + site + ")";
    }
}
