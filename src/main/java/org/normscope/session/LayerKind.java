package org.normscope.session;

import org.normscope.engine.BatchNorm;
import org.normscope.engine.BatchNorm1d;
import org.normscope.engine.BatchNorm2d;
import org.normscope.engine.BatchNorm3d;
import org.normscope.engine.Momentum;

/** The three BatchNorm layers, and the sizes that follow {@code C} in their input. */
public enum LayerKind {
    /** Input {@code (N, C)} or {@code (N, C, L)}. */
    BATCH_NORM_1D("BatchNorm1d", "L"),
    /** Input {@code (N, C, H, W)}. */
    BATCH_NORM_2D("BatchNorm2d", "H", "W"),
    /** Input {@code (N, C, D, H, W)}. */
    BATCH_NORM_3D("BatchNorm3d", "D", "H", "W");

    private final String torchName;
    private final String[] spatialNames;

    LayerKind(String torchName, String... spatialNames) {
        this.torchName = torchName;
        this.spatialNames = spatialNames;
    }

    /** PyTorch's class name, {@code BatchNorm1d}. */
    public String torchName() {
        return torchName;
    }

    /** The names of the sizes after {@code C}: {@code L}; {@code H, W}; {@code D, H, W}. */
    public String[] spatialNames() {
        return spatialNames.clone();
    }

    /** Whether {@code spatial} fits this kind (BatchNorm1d also takes {@code (N, C)}, with no L). */
    public boolean accepts(int[] spatial) {
        return spatial.length == spatialNames.length || (this == BATCH_NORM_1D && spatial.length == 0);
    }

    /** The kind with this PyTorch name. */
    public static LayerKind ofTorchName(String name) {
        for (LayerKind k : values()) {
            if (k.torchName.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown layer \"" + name + "\": expected BatchNorm1d, BatchNorm2d or BatchNorm3d");
    }

    BatchNorm create(int numFeatures, double eps, Momentum momentum, boolean affine, boolean track) {
        return switch (this) {
            case BATCH_NORM_1D -> new BatchNorm1d(numFeatures, eps, momentum, affine, track);
            case BATCH_NORM_2D -> new BatchNorm2d(numFeatures, eps, momentum, affine, track);
            case BATCH_NORM_3D -> new BatchNorm3d(numFeatures, eps, momentum, affine, track);
        };
    }

    @Override
    public String toString() {
        return torchName;
    }
}
