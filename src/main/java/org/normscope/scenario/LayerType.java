package org.normscope.scenario;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The layer types of the scenario format; only some are in the engine yet. */
public enum LayerType {
    BatchNorm1d(true), BatchNorm2d(true), BatchNorm3d(true),
    InstanceNorm1d(false), InstanceNorm2d(false), InstanceNorm3d(false),
    LayerNorm(false), GroupNorm(false);

    private final boolean supported;

    LayerType(boolean supported) {
        this.supported = supported;
    }

    /** Whether the engine can run this type now. */
    public boolean supported() {
        return supported;
    }

    /** Whether this is one of the BatchNorm family (its fields are num_features, eps, momentum, affine, track_running_stats). */
    public boolean isBatchNorm() {
        return name().startsWith("BatchNorm");
    }

    /** Whether this is one of the InstanceNorm family. */
    public boolean isInstanceNorm() {
        return name().startsWith("InstanceNorm");
    }

    static String allNames() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    static String supportedNames() {
        return Arrays.stream(values()).filter(LayerType::supported).map(Enum::name).collect(Collectors.joining(", "));
    }
}
