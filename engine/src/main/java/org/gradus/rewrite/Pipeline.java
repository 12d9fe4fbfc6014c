package org.gradus.rewrite;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.gradus.backend.Backend;
import org.gradus.backend.DeviceBackend;
import org.gradus.rewrite.canonicalize.AddZero;
import org.gradus.rewrite.canonicalize.AddNegationToSub;
import org.gradus.rewrite.canonicalize.LogOfExpToIdentity;
import org.gradus.rewrite.stabilize.Log1pOfNegSigmoidToSoftplus;
import org.gradus.rewrite.stabilize.OneMinusSigmoidToSigmoidOfNeg;
import org.gradus.rewrite.stabilize.ExpOverOnePlusExpToSigmoid;
import org.gradus.rewrite.stabilize.SigmoidTimesExpToSigmoid;
import org.gradus.rewrite.stabilize.LogOfNegExpm1ToLog1mexp;
import org.gradus.rewrite.stabilize.Log1pOfNegExpToLog1mexp;
import org.gradus.rewrite.stabilize.OneMinusExpToNegExpm1;
import org.gradus.rewrite.stabilize.LogOfSumOfExpToMaxShifted;
import org.gradus.rewrite.stabilize.ExpOverSumOfExpToMaxShifted;
import org.gradus.rewrite.canonicalize.CombineConstantFactors;
import org.gradus.rewrite.canonicalize.CombineConstantTerms;
import org.gradus.rewrite.canonicalize.DimShuffleChain;
import org.gradus.rewrite.canonicalize.DivByOne;
import org.gradus.rewrite.canonicalize.DoubleNegation;
import org.gradus.rewrite.canonicalize.FillNoOp;
import org.gradus.rewrite.canonicalize.ShapeEntryOfReduction;
import org.gradus.rewrite.canonicalize.ShapeOfElementwise;
import org.gradus.rewrite.canonicalize.IdentityNoOp;
import org.gradus.rewrite.canonicalize.MulByOne;
import org.gradus.rewrite.canonicalize.PowHalfToSqrt;
import org.gradus.rewrite.canonicalize.PowOneToIdentity;
import org.gradus.rewrite.canonicalize.PowTwoToSqr;
import org.gradus.rewrite.canonicalize.PowZeroToOnes;
import org.gradus.rewrite.canonicalize.SubZero;
import org.gradus.rewrite.canonicalize.SumOfNegation;
import org.gradus.rewrite.canonicalize.SumOfSum;
import org.gradus.rewrite.fuse.FuseElementwise;
import org.gradus.rewrite.fuse.FuseSumIntoComposite;
import org.gradus.rewrite.specialize.SharedSoftplusTail;
import org.gradus.rewrite.specialize.SigmoidFromSharedExp;
import org.gradus.rewrite.specialize.TwoProductsIntoOneGemm;
import org.gradus.rewrite.merge.FoldConstants;
import org.gradus.rewrite.merge.FoldStaticShape;
import org.gradus.rewrite.merge.MergeEqualConstants;
import org.gradus.rewrite.merge.MergeEqualNodes;
import org.gradus.rewrite.place.CancelTransferPairs;
import org.gradus.rewrite.place.MoveToDevice;
import org.gradus.rewrite.specialize.DimShuffleOfFill;
import org.gradus.rewrite.specialize.FillSink;
import org.gradus.rewrite.specialize.HalfIntegerPowerToSqrtProducts;
import org.gradus.rewrite.specialize.IntegerPowerToMultiplications;
import org.gradus.rewrite.specialize.MatrixVectorDotToGemv;
import org.gradus.rewrite.specialize.PowMinusHalfToReciprocalSqrt;
import org.gradus.rewrite.specialize.PowMinusOneToReciprocal;
import org.gradus.rewrite.specialize.ScaledDotPlusToGemm;
import org.gradus.rewrite.specialize.TransposeIntoGemmFlags;
import org.gradus.rewrite.stabilize.BinaryCrossentropyOfSigmoidToSoftplus;
import org.gradus.rewrite.stabilize.CancelCommonFactors;
import org.gradus.rewrite.stabilize.CrossentropyOfSoftmaxToFusedOp;
import org.gradus.rewrite.stabilize.DistributeProductOverSumToCancel;
import org.gradus.rewrite.stabilize.ExpMinusOneToExpm1;
import org.gradus.rewrite.stabilize.Log1pOfExpToSoftplus;
import org.gradus.rewrite.stabilize.LogOfSigmoidToSoftplus;
import org.gradus.rewrite.stabilize.LogOfSoftmaxToLogSoftmax;
import org.gradus.rewrite.stabilize.LogOneMinusSigmoidToSoftplus;
import org.gradus.rewrite.stabilize.LogOnePlusExpToSoftplus;
import org.gradus.rewrite.stabilize.LogOnePlusToLog1p;
import org.gradus.rewrite.stabilize.NegLogSoftmaxAtLabelsToFusedOp;
import org.gradus.rewrite.stabilize.ReciprocalOfOnePlusExpToSigmoid;
import org.gradus.rewrite.stabilize.SoftmaxCrossentropyGradToSoftmaxMinusOneHot;
import org.gradus.rewrite.stabilize.SoftmaxGradOfLogGradToLogSoftmaxGrad;

/**
 * The optimizer's pipeline: the rules of each phase, in the order they are tried. Phases run in
 * {@link Phase} order, each to a fixed point. Rules are selected by phase and by name (a rule name
 * such as {@code "LogOfSigmoidToSoftplus"} or a phase name such as {@code "fuse"}).
 */
public final class Pipeline {
    private Pipeline() {
    }

    /** Every rule, by phase. */
    public static Map<Phase, List<NodeRewriter>> standard() {
        Map<Phase, List<NodeRewriter>> p = new EnumMap<>(Phase.class);
        p.put(Phase.MERGE, List.of(new MergeEqualConstants(), new FoldConstants(), new FoldStaticShape(),
                new MergeEqualNodes()));
        p.put(Phase.CANONICALIZE, List.of(new MulByOne(), new AddZero(), new SubZero(), new DivByOne(),
                new DoubleNegation(), new AddNegationToSub(), new LogOfExpToIdentity(), new CombineConstantFactors(),
                new CombineConstantTerms(), new PowZeroToOnes(), new PowOneToIdentity(),
                new PowTwoToSqr(), new PowHalfToSqrt(), new SumOfNegation(), new SumOfSum(), new DimShuffleChain(), new FillNoOp(),
                new ShapeOfElementwise(), new ShapeEntryOfReduction(),
                new IdentityNoOp(), new FoldConstants(), new MergeEqualNodes()));
        p.put(Phase.STABILIZE, List.of(new ReciprocalOfOnePlusExpToSigmoid(), new LogOnePlusExpToSoftplus(),
                new Log1pOfExpToSoftplus(), new BinaryCrossentropyOfSigmoidToSoftplus(), new LogOfSigmoidToSoftplus(),
                new LogOneMinusSigmoidToSoftplus(), new Log1pOfNegSigmoidToSoftplus(), new OneMinusSigmoidToSigmoidOfNeg(),
                new ExpOverOnePlusExpToSigmoid(), new SigmoidTimesExpToSigmoid(), new LogOfNegExpm1ToLog1mexp(),
                new Log1pOfNegExpToLog1mexp(), new OneMinusExpToNegExpm1(), new LogOfSumOfExpToMaxShifted(),
                new ExpOverSumOfExpToMaxShifted(),                 new LogOfSoftmaxToLogSoftmax(), new CrossentropyOfSoftmaxToFusedOp(),
                new NegLogSoftmaxAtLabelsToFusedOp(), new SoftmaxCrossentropyGradToSoftmaxMinusOneHot(),
                new SoftmaxGradOfLogGradToLogSoftmaxGrad(), new CancelCommonFactors(),
                new DistributeProductOverSumToCancel(), new LogOnePlusToLog1p(), new ExpMinusOneToExpm1(),
                new DoubleNegation(), new MergeEqualNodes()));
        p.put(Phase.SPECIALIZE, List.of(new ScaledDotPlusToGemm(), new ScaledDotPlusToGemm.Subtracted(),
                new MatrixVectorDotToGemv(), new TransposeIntoGemmFlags(), new IntegerPowerToMultiplications(),
                new PowMinusOneToReciprocal(), new PowMinusHalfToReciprocalSqrt(), new HalfIntegerPowerToSqrtProducts(),
                new TwoProductsIntoOneGemm(), new SharedSoftplusTail(), new SigmoidFromSharedExp(), new FillSink(),
                new DimShuffleOfFill(),
                // again once FillSink has removed the gradient's fills that read a negated sum for its shape
                new SumOfNegation(), new SumOfSum(), new FoldConstants(), new MergeEqualNodes()));
        // growing groups from different consumers can build equal composites over the same inputs
        p.put(Phase.FUSE, List.of(new FuseElementwise(), new MergeEqualNodes(), new FuseSumIntoComposite()));
        return p;
    }

    /** The names of every rule, for documentation and include/exclude checks. */
    public static Set<String> ruleNames() {
        return standard().values().stream().flatMap(List::stream).map(NodeRewriter::name)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /**
     * The rules of the given phases plus the {@code including} names (rules or phases), minus the
     * {@code excluding} names. Names are matched case-insensitively; an unknown name is an error.
     */
    public static Map<Phase, List<NodeRewriter>> select(Set<Phase> phases, Set<String> including, Set<String> excluding) {
        Set<String> known = new java.util.HashSet<>();
        ruleNames().forEach(n -> known.add(n.toLowerCase(Locale.ROOT)));
        for (Phase ph : Phase.values()) {
            known.add(ph.lowerName());
        }
        for (String n : concat(including, excluding)) {
            if (!known.contains(n.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("unknown rewrite or phase '" + n + "'; known rewrites: " + ruleNames());
            }
        }
        Set<String> in = lower(including);
        Set<String> out = lower(excluding);
        Map<Phase, List<NodeRewriter>> result = new EnumMap<>(Phase.class);
        for (Map.Entry<Phase, List<NodeRewriter>> e : standard().entrySet()) {
            Phase ph = e.getKey();
            List<NodeRewriter> rules = new ArrayList<>();
            for (NodeRewriter r : e.getValue()) {
                String name = r.name().toLowerCase(Locale.ROOT);
                boolean wanted = phases.contains(ph) || in.contains(name) || in.contains(ph.lowerName());
                if (wanted && !out.contains(name) && !out.contains(ph.lowerName())) {
                    rules.add(r);
                }
            }
            result.put(ph, rules);
        }
        return result;
    }

    /**
     * {@link #select(Set, Set, Set)} for a function that runs on {@code backend}: with a
     * {@link DeviceBackend}, the placement phase runs whatever the phases (unless {@code "place"} is
     * excluded, which keeps every node on the host); with any other backend it has no rules. Sums
     * fused into loops ({@link FuseSumIntoComposite}), joined products ({@link TwoProductsIntoOneGemm}),
     * the shared softplus tail ({@link SharedSoftplusTail}) and the sigmoid from its exp
     * ({@link SigmoidFromSharedExp}) are CPU-only, left out for a device backend.
     */
    public static Map<Phase, List<NodeRewriter>> select(Set<Phase> phases, Set<String> including, Set<String> excluding,
                                                        Backend backend) {
        Map<Phase, List<NodeRewriter>> result = select(phases, including, excluding);
        if (backend instanceof DeviceBackend) {
            List<NodeRewriter> fuse = new ArrayList<>(result.getOrDefault(Phase.FUSE, List.of()));
            fuse.removeIf(r -> r instanceof FuseSumIntoComposite);
            result.put(Phase.FUSE, fuse);
            List<NodeRewriter> specialize = new ArrayList<>(result.getOrDefault(Phase.SPECIALIZE, List.of()));
            specialize.removeIf(r -> r instanceof TwoProductsIntoOneGemm || r instanceof SharedSoftplusTail
                    || r instanceof SigmoidFromSharedExp);
            result.put(Phase.SPECIALIZE, specialize);
        }
        if (backend instanceof DeviceBackend device && !lower(excluding).contains(Phase.PLACE.lowerName())) {
            result.put(Phase.PLACE, List.of(new MoveToDevice(device), new CancelTransferPairs()));
        }
        return result;
    }

    private static List<String> concat(Set<String> a, Set<String> b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    private static Set<String> lower(Set<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
