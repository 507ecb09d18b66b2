package org.normscope.scenario;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The layer types of the scenario format, all of which the engine runs. */
public enum LayerType {
    BatchNorm1d, BatchNorm2d, BatchNorm3d,
    InstanceNorm1d, InstanceNorm2d, InstanceNorm3d,
    LayerNorm, GroupNorm;

    /** Whether this is one of the BatchNorm family (its fields are num_features, eps, momentum, affine, track_running_stats). */
    public boolean isBatchNorm() {
        return name().startsWith("BatchNorm");
    }

    /** Whether this is one of the InstanceNorm family. */
    public boolean isInstanceNorm() {
        return name().startsWith("InstanceNorm");
    }

    /** Whether the layer has momentum and (optionally) running statistics: BatchNorm and InstanceNorm. */
    public boolean hasRunningStats() {
        return isBatchNorm() || isInstanceNorm();
    }

    static String allNames() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    static String batchNormNames() {
        return Arrays.stream(values()).filter(LayerType::isBatchNorm).map(Enum::name).collect(Collectors.joining(", "));
    }
}
