package org.gradus.ops.indexing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gradus.GradusException;
import org.gradus.ShapeException;
import org.gradus.backend.cpu.ParallelCopy;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/**
 * Basic indexing {@code x[i, a:b:c, ...]} (Theano's {@code Subtensor}): {@code pattern} gives one
 * {@link AxisIndex} per leading axis of {@code x}; the remaining axes are taken whole. Inputs are
 * {@code x} followed by one int scalar per symbolic bound, in pattern order. Points remove their axis.
 *
 * <p>Gradient: {@code dx = IncSubtensor(zeros_like(x), g)}, i.e. {@code g} scattered back into the
 * selected region of a zero array; the integer bounds get none.
 */
public record Subtensor(List<AxisIndex> pattern) implements Op {

    public Subtensor {
        pattern = List.copyOf(pattern);
    }

    @Override
    public String name() {
        return "Subtensor" + patternString(pattern);
    }

    static String patternString(List<AxisIndex> pattern) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < pattern.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(pattern.get(i));
        }
        return sb.append('}').toString();
    }

    /** The number of symbolic bounds the pattern reads. */
    static int inputCount(List<AxisIndex> pattern) {
        int n = 0;
        for (AxisIndex index : pattern) {
            n += index.inputCount();
        }
        return n;
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        TensorVariable x = inputs.get(0);
        checkExtras(name(), pattern, inputs, 1);
        return List.of(regionType(name(), pattern, x));
    }

    /** Validates the count and dtypes of the symbolic bounds, which start at {@code inputs[first]}. */
    static void checkExtras(String opName, List<AxisIndex> pattern, List<TensorVariable> inputs, int first) {
        int expected = inputCount(pattern);
        if (inputs.size() - first != expected) {
            throw new GradusException(opName + " reads " + expected + " symbolic bounds but got "
                    + (inputs.size() - first));
        }
        for (int i = first; i < inputs.size(); i++) {
            Regions.checkIntIndex(opName, inputs.get(i), 0);
        }
    }

    /** The static type of the region of {@code x} that {@code pattern} selects. */
    static TensorType regionType(String opName, List<AxisIndex> pattern, TensorVariable x) {
        if (pattern.size() > x.ndim()) {
            throw new ShapeException(opName + ": too many indices (" + pattern.size() + ") for "
                    + x.describe() + " with " + x.ndim() + " axes");
        }
        List<Integer> shape = new ArrayList<>();
        for (int axis = 0; axis < x.ndim(); axis++) {
            int len = x.type().dim(axis);
            AxisIndex index = axis < pattern.size() ? pattern.get(axis) : AxisIndex.ALL;
            if (!index.point()) {
                shape.add(BasicRegion.staticSliceLength(index, len));
            } else if (index.start().kind() == AxisIndex.Bound.Kind.CONSTANT && len != TensorType.UNKNOWN) {
                // fail at graph construction when a constant point is already known to be out of range
                BasicRegion.checkedPoint(opName + " of " + x.describe(), index.start().constant(), axis, len);
            }
        }
        return TensorType.of(x.dtype(), shape.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        return new int[][] {BasicRegion.resolve(this, pattern, inputs[0].shape(), inputs, 1).shape};
    }

    @Override
    public boolean sameOutputShapes(NDArray[] inputs, int[][] last) {
        return BasicRegion.hasShape(this, pattern, inputs[0], inputs, 1, last[0]);
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        NDArray x = inputs[0];
        NDArray out = outputs[0];
        // a run of whole rows (a minibatch): one block copy, resolved without allocating
        int run = x.dtype() == out.dtype() ? BasicRegion.contiguousStart(this, pattern, x, inputs, 1) : -1;
        if (run >= 0) {
            ParallelCopy.copy(x, run, out, 0, out.size());
            return;
        }
        BasicRegion region = BasicRegion.resolve(this, pattern, x.shape(), inputs, 1);
        if (region.contiguousStart >= 0 && x.dtype() == out.dtype()) {
            x.copyRange(region.contiguousStart, out, 0, region.size);
        } else {
            Regions.gather(x, region.offsets(), out);
        }
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        TensorVariable x = inputs.get(0);
        List<TensorVariable> result = new ArrayList<>(Arrays.asList(new TensorVariable[inputs.size()]));
        if (x.dtype().isFloat()) {
            List<TensorVariable> incInputs = new ArrayList<>(inputs);
            incInputs.set(0, T.zerosLike(x));
            incInputs.add(1, outputGrads.get(0));
            result.set(0, new IncSubtensor(false, pattern).apply(incInputs.toArray(new TensorVariable[0])));
        }
        return result;
    }
}
