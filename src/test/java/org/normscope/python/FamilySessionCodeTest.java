package org.normscope.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.normscope.engine.Momentum;
import org.normscope.preset.Preset;
import org.normscope.preset.PresetLibrary;
import org.normscope.scenario.LayerKind;
import org.normscope.session.LayerConfig;
import org.normscope.session.Session;

/** The PyTorch code of a session of InstanceNorm, LayerNorm or GroupNorm builds the same module. */
class FamilySessionCodeTest {

    @Test
    void eachKindsConstructorHasOnlyTheArgumentsThatDifferFromItsDefaults() {
        assertThat(SessionCode.constructor(LayerConfig.defaults(LayerKind.INSTANCE_NORM_2D, 4), new int[] {3, 3}))
                .isEqualTo("layer = nn.InstanceNorm2d(4)");
        assertThat(SessionCode.constructor(LayerConfig.defaults(LayerKind.INSTANCE_NORM_1D, 3).withAffine(true)
                .withTrackRunningStats(true).withMomentum(Momentum.CUMULATIVE), new int[] {5}))
                .isEqualTo("layer = nn.InstanceNorm1d(3, momentum=None, affine=True, track_running_stats=True)");
        assertThat(SessionCode.constructor(LayerConfig.defaults(LayerKind.LAYER_NORM, 4).withNormalizedDims(2),
                new int[] {8})).isEqualTo("layer = nn.LayerNorm((4, 8))");
        assertThat(SessionCode.constructor(LayerConfig.defaults(LayerKind.LAYER_NORM, 4).withAffine(false)
                .withEps(1e-3), new int[0])).isEqualTo("layer = nn.LayerNorm((4,), eps=0.001, elementwise_affine=False)");
        assertThat(SessionCode.constructor(LayerConfig.defaults(LayerKind.GROUP_NORM, 6).withNumGroups(3),
                new int[] {2, 2})).isEqualTo("layer = nn.GroupNorm(3, 6)");
        assertThat(SessionCode.constructor(LayerConfig.notebook(), new int[] {1}))
                .isEqualTo("layer = nn.BatchNorm1d(4, eps=0.0, momentum=0.3)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"group-norm-groups", "layer-norm-per-sample", "instance-norm-images"})
    void aFamilySessionsCodeBuildsItsLayerAndPrintsNoRunningStatsItHasNot(String preset) throws Exception {
        Preset p = PresetLibrary.find(preset);
        Session s = new Session(p.layer(), p.batches(), null);
        s.step();
        s.stepQuietly();
        s.setTraining(false);
        s.step();
        String code = SessionCode.of(s.journal());
        List<String> lines = code.lines().toList();
        assertThat(lines).contains(SessionCode.constructor(p.layer(), p.batches().spatial()), "layer.eval()", "print(y)");
        assertThat(code).doesNotContain("running_mean");
        String out = System.getenv("NORMSCOPE_CODE_OUT");
        if (out != null) { // for a check with real PyTorch by hand: NORMSCOPE_CODE_OUT=/tmp/dir
            java.nio.file.Files.writeString(java.nio.file.Path.of(out, preset + ".py"), code);
        }
    }
}
