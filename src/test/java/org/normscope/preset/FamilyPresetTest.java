package org.normscope.preset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.normscope.scenario.LayerKind;

/** Presets of InstanceNorm, LayerNorm and GroupNorm: read, written back the same, refused where PyTorch refuses. */
class FamilyPresetTest {

    @ParameterizedTest
    @ValueSource(strings = {"instance-norm-images", "layer-norm-per-sample", "group-norm-groups"})
    void eachFamilyPresetWritesBackAsItReads(String id) throws Exception {
        Preset p = PresetLibrary.find(id);
        Preset again = PresetJson.parse(PresetJson.toJson(p));
        assertThat(again.layer()).isEqualTo(p.layer());
        assertThat(again.batches()).isEqualTo(p.batches());
        assertThat(p.nameZhCn()).isNotBlank();
    }

    @Test
    void theFamilyPresetsHaveTheirKindsArguments() {
        assertThat(PresetLibrary.find("instance-norm-images").layer()).satisfies(l -> {
            assertThat(l.kind()).isEqualTo(LayerKind.INSTANCE_NORM_2D);
            assertThat(l.affine()).isFalse();
            assertThat(l.trackRunningStats()).isFalse();
        });
        assertThat(PresetLibrary.find("layer-norm-per-sample").layer().normalizedShape(new int[] {8}))
                .containsExactly(4, 8);
        assertThat(PresetLibrary.find("group-norm-groups").layer().numGroups()).isEqualTo(2);
    }

    @Test
    void aGroupNormWhoseGroupsDoNotDivideCIsRefusedWithPyTorchsWords() {
        String json = PresetJson.toJson(PresetLibrary.find("group-norm-groups")).replace("\"num_groups\" : 2",
                "\"num_groups\" : 3");
        assertThat(json).contains("\"num_groups\" : 3");
        assertThatThrownBy(() -> PresetJson.parse(json)).isInstanceOf(PresetFormatException.class)
                .hasMessageContaining("num_channels must be divisible by num_groups");
        String tooDeep = PresetJson.toJson(PresetLibrary.find("layer-norm-per-sample")).replace(
                "\"normalized_dims\" : 2", "\"normalized_dims\" : 3");
        assertThatThrownBy(() -> PresetJson.parse(tooDeep)).isInstanceOf(PresetFormatException.class)
                .hasMessageContaining("LayerNorm normalizes the last 3 sizes");
    }
}
