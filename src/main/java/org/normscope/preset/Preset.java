package org.normscope.preset;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.normscope.batch.BatchSpec;
import org.normscope.engine.Momentum;
import org.normscope.session.LayerConfig;

/**
 * A ready-made lesson: a layer, the batches it is stepped on, and the mode it runs in.
 *
 * @param name shown in the preset menu, unique among the built-in presets
 * @param description one or two plain sentences for a teacher ("" for none)
 * @param layer the layer's constructor arguments
 * @param batches the generated inputs: as many channels as {@code layer.numFeatures()}, sizes after
 *     {@code C} that fit {@code layer.kind()}
 * @param training true for train mode, false for eval
 * @param compareMomentum the momentum of a second, otherwise identical layer stepped on the same
 *     batches and drawn beside the first; null for no comparison layer
 * @param nameZhCn the name in Simplified Chinese ("" for none: the English name is shown)
 * @param descriptionZhCn the description in Simplified Chinese ("" for none: the English one is shown)
 */
public record Preset(String name, String description, LayerConfig layer, BatchSpec batches, boolean training,
                     Momentum compareMomentum, String nameZhCn, String descriptionZhCn) {

    /** A preset with its texts in English only. */
    public Preset(String name, String description, LayerConfig layer, BatchSpec batches, boolean training,
                  Momentum compareMomentum) {
        this(name, description, layer, batches, training, compareMomentum, "", "");
    }

    public Preset {
        Objects.requireNonNull(nameZhCn, "nameZhCn");
        Objects.requireNonNull(descriptionZhCn, "descriptionZhCn");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(batches, "batches");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        if (batches.channels() != layer.numFeatures()) {
            throw new IllegalArgumentException("the batches have " + batches.channels() + " channels, but the layer has "
                    + "num_features = " + layer.numFeatures());
        }
        if (!layer.fits(batches.spatial())) {
            throw new IllegalArgumentException(spatialMismatch(layer, batches.spatial()));
        }
    }

    /** The name in {@code locale}'s language: the Chinese one for a zh locale if there is one, else the English. */
    public String name(Locale locale) {
        return isChinese(locale) && !nameZhCn.isBlank() ? nameZhCn : name;
    }

    /** The description in {@code locale}'s language: the Chinese one for a zh locale if there is one, else the English. */
    public String description(Locale locale) {
        return isChinese(locale) && !descriptionZhCn.isEmpty() ? descriptionZhCn : description;
    }

    private static boolean isChinese(Locale locale) {
        return "zh".equals(locale.getLanguage());
    }

    /** Whether a comparison layer is stepped beside the first. */
    public boolean hasComparison() {
        return compareMomentum != null;
    }

    /** The comparison layer's arguments (the layer with {@link #compareMomentum}), or null without one. */
    public LayerConfig comparisonLayer() {
        return compareMomentum == null ? null : layer.withMomentum(compareMomentum);
    }

    /** Why {@code spatial} does not fit the layer's kind, e.g. "BatchNorm2d takes (N, C, H, W): 2 sizes after C, got [4]". */
    static String spatialMismatch(LayerConfig layer, int[] spatial) {
        if (layer.kind().accepts(spatial)) { // LayerNorm normalizing more dims than the input has after N
            return "LayerNorm normalizes the last " + layer.normalizedDims() + " sizes, but the input has only "
                    + (1 + spatial.length) + " after N (C and " + Arrays.toString(spatial) + ")";
        }
        if (layer.kind() == org.normscope.scenario.LayerKind.LAYER_NORM
                || layer.kind() == org.normscope.scenario.LayerKind.GROUP_NORM) {
            return layer.kind().torchName() + " takes (N, C) to (N, C, D, H, W): 0 to 3 sizes after C, got "
                    + Arrays.toString(spatial);
        }
        String[] names = layer.kind().spatialNames();
        String takes = "(N, C, " + String.join(", ", names) + ")";
        if (names.length == 1) {
            takes = "(N, C) or " + takes;
        }
        String count = names.length == 1 ? "0 or 1 size" : names.length + " sizes";
        return layer.kind().torchName() + " takes " + takes + ": " + count + " after C, got " + Arrays.toString(spatial);
    }
}
