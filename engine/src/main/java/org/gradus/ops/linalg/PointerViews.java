package org.gradus.ops.linalg;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Reusable views into off-heap buffers, one set per thread. {@code pointer.getPointer(offset)} would
 * create a new JavaCPP pointer with its own deallocator record on every call (several per matrix
 * product); a view is re-aimed instead, so a product allocates nothing. A view never owns memory.
 */
final class PointerViews {
    private static final ThreadLocal<PointerViews> VIEWS = ThreadLocal.withInitial(PointerViews::new);

    private final FloatView[] floats = {new FloatView(), new FloatView(), new FloatView(), new FloatView()};
    private final DoubleView[] doubles = {new DoubleView(), new DoubleView(), new DoubleView(), new DoubleView()};

    private PointerViews() {
    }

    /** This thread's float view number {@code slot} (0–3), aimed at {@code base} plus {@code offset} elements. */
    static FloatPointer at(int slot, FloatPointer base, long offset) {
        return VIEWS.get().floats[slot].aim(base, offset);
    }

    /** The float64 form. */
    static DoublePointer at(int slot, DoublePointer base, long offset) {
        return VIEWS.get().doubles[slot].aim(base, offset);
    }

    /** A float pointer whose address, limits and position are copied from another (no deallocator). */
    private static final class FloatView extends FloatPointer {
        FloatView() {
            super((Pointer) null);
        }

        FloatView aim(FloatPointer base, long offset) {
            address = base.address();
            capacity = base.capacity();
            limit = base.limit();
            position = base.position() + offset;
            return this;
        }
    }

    /** The float64 form. */
    private static final class DoubleView extends DoublePointer {
        DoubleView() {
            super((Pointer) null);
        }

        DoubleView aim(DoublePointer base, long offset) {
            address = base.address();
            capacity = base.capacity();
            limit = base.limit();
            position = base.position() + offset;
            return this;
        }
    }
}
