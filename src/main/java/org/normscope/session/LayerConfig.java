package org.normscope.session;

import java.util.Objects;
import org.normscope.engine.BatchNorm;
import org.normscope.engine.Momentum;

/**
 * A BatchNorm layer's constructor arguments. {@code kind}, {@code numFeatures}, {@code affine}
 * and {@code trackRunningStats} are fixed at construction in PyTorch: changing one builds a new
 * layer. {@code eps} and {@code momentum} are plain attributes that apply from the next forward.
 *
 * @param numFeatures {@code C}, from 1 to {@link #MAX_FEATURES}
 * @param eps a finite number at least 0
 */
public record LayerConfig(LayerKind kind, int numFeatures, double eps, Momentum momentum, boolean affine,
                          boolean trackRunningStats) {

    /** The most channels the app shows. */
    public static final int MAX_FEATURES = 64;

    public LayerConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(momentum, "momentum");
        if (numFeatures < 1 || numFeatures > MAX_FEATURES) {
            throw new IllegalArgumentException("num_features must be from 1 to " + MAX_FEATURES + ", got " + numFeatures);
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be a finite number at least 0, got " + eps);
        }
    }

    /** The notebook's {@code nn.BatchNorm1d(4, eps=0, momentum=0.3)}. */
    public static LayerConfig notebook() {
        return new LayerConfig(LayerKind.BATCH_NORM_1D, 4, 0.0, Momentum.of(0.3), true, true);
    }

    /** A new layer with these arguments, in train mode, as PyTorch constructs it. */
    public BatchNorm build() {
        return kind.create(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    /** Whether going from this config to {@code other} needs a new layer (a constructor-only argument changed). */
    public boolean needsRebuildFor(LayerConfig other) {
        return kind != other.kind || numFeatures != other.numFeatures || affine != other.affine
                || trackRunningStats != other.trackRunningStats;
    }

    public LayerConfig withKind(LayerKind k) {
        return new LayerConfig(k, numFeatures, eps, momentum, affine, trackRunningStats);
    }

    public LayerConfig withNumFeatures(int c) {
        return new LayerConfig(kind, c, eps, momentum, affine, trackRunningStats);
    }

    public LayerConfig withEps(double e) {
        return new LayerConfig(kind, numFeatures, e, momentum, affine, trackRunningStats);
    }

    public LayerConfig withMomentum(Momentum m) {
        return new LayerConfig(kind, numFeatures, eps, m, affine, trackRunningStats);
    }

    public LayerConfig withAffine(boolean a) {
        return new LayerConfig(kind, numFeatures, eps, momentum, a, trackRunningStats);
    }

    public LayerConfig withTrackRunningStats(boolean t) {
        return new LayerConfig(kind, numFeatures, eps, momentum, affine, t);
    }
}
