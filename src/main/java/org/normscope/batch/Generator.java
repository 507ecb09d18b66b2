package org.normscope.batch;

import java.util.Optional;

/**
 * How a {@link BatchSpec}'s values are drawn, named as session files name it. Both key each
 * channel's stream by {@code (seed, step, channel)} alone, and both draw uniform and constant
 * channels the same way; they differ in their normal channels:
 * <ul>
 *   <li>{@link #SPLITTABLE_POLAR_1}: Marsaglia's polar method over {@link java.util.SplittableRandom}
 *       (NormScope's generator until issue 18; sessions saved with it keep it, and keep their batches);
 *   <li>{@link #ZIGGURAT_1}: Marsaglia and Tsang's ziggurat over SplitMix64 ({@link Ziggurat}),
 *       several times faster; what new sessions and presets draw with.
 * </ul>
 */
public enum Generator {
    SPLITTABLE_POLAR_1("splittable-polar-1"),
    ZIGGURAT_1("ziggurat-1");

    /** What a new batch spec draws with: new sessions and presets. */
    public static final Generator DEFAULT = ZIGGURAT_1;

    private final String id;

    Generator(String id) {
        this.id = id;
    }

    /** The name a session file writes: {@code splittable-polar-1}, {@code ziggurat-1}. */
    public String id() {
        return id;
    }

    /** The generator named {@code id}, if this NormScope has it. */
    public static Optional<Generator> byId(String id) {
        for (Generator g : values()) {
            if (g.id.equals(id)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
