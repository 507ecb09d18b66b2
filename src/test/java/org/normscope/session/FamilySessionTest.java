package org.normscope.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.batch.BatchSource;
import org.normscope.batch.BatchSpec;
import org.normscope.batch.ChannelSource;
import org.normscope.engine.GroupNorm;
import org.normscope.engine.InstanceNorm2d;
import org.normscope.engine.LayerNorm;
import org.normscope.engine.Momentum;
import org.normscope.engine.NormLayer;
import org.normscope.engine.Tensor;
import org.normscope.scenario.LayerKind;

/** A session stepping InstanceNorm, LayerNorm and GroupNorm: the engine's numbers, the group statistics, the printout. */
class FamilySessionTest {

    static BatchSpec batches(int n, int c, int... spatial) {
        List<ChannelSource> sources = new java.util.ArrayList<>();
        for (int i = 0; i < c; i++) {
            sources.add(new ChannelSource.Normal(i - 1.5, 0.5 + i));
        }
        return new BatchSpec(n, spatial, sources, 0, 3, true);
    }

    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of(LayerConfig.defaults(LayerKind.INSTANCE_NORM_2D, 4), batches(3, 4, 3, 2),
                        new InstanceNorm2d(4), 6, 12),
                Arguments.of(LayerConfig.defaults(LayerKind.INSTANCE_NORM_1D, 4).withTrackRunningStats(true),
                        batches(2, 4, 5), null, 5, 8),
                Arguments.of(LayerConfig.defaults(LayerKind.LAYER_NORM, 4).withNormalizedDims(2), batches(5, 4, 3),
                        new LayerNorm(4, 3), 12, 5),
                Arguments.of(LayerConfig.defaults(LayerKind.LAYER_NORM, 4), batches(5, 4, 3), new LayerNorm(3), 3, 20),
                Arguments.of(LayerConfig.defaults(LayerKind.LAYER_NORM, 6), batches(7, 6), new LayerNorm(6), 6, 7),
                Arguments.of(LayerConfig.defaults(LayerKind.GROUP_NORM, 6).withNumGroups(3), batches(2, 6, 2, 2),
                        new GroupNorm(3, 6), 8, 6),
                Arguments.of(LayerConfig.defaults(LayerKind.GROUP_NORM, 4).withNumGroups(1), batches(3, 4),
                        new GroupNorm(1, 4), 4, 3));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("layers")
    void eachStepGivesTheEnginesOutputAndTheGroupsStatistics(LayerConfig config, BatchSpec spec, NormLayer same,
            int valuesPerGroup, int groups) {
        Session s = new Session(config, spec, null);
        BatchSource source = new BatchSource(spec);
        for (int t = 1; t <= 3; t++) {
            assertThat(t == 2 ? s.step() : s.stepQuietly()).isTrue();
            Tensor x = source.batch(t, false);
            if (same != null) {
                assertThat(s.lastOutput().data()).as("step " + t).containsExactly(same.forward(x).data());
            }
            GroupStats g = s.snapshot().groups();
            assertThat(g.valuesPerGroup()).isEqualTo(valuesPerGroup);
            assertThat(g.mean()).hasSize(groups);
            assertThat(g.samples() * g.groupsPerSample()).isEqualTo(groups);
            for (int k = 0; k < groups; k++) {
                double sum = 0;
                for (int i = k * valuesPerGroup; i < (k + 1) * valuesPerGroup; i++) {
                    sum += x.data()[i];
                }
                double mean = sum / valuesPerGroup;
                double sq = 0;
                for (int i = k * valuesPerGroup; i < (k + 1) * valuesPerGroup; i++) {
                    sq += (x.data()[i] - mean) * (x.data()[i] - mean);
                }
                assertThat(g.mean()[k]).isEqualTo((float) mean);
                assertThat(g.var()[k]).isEqualTo((float) (sq / valuesPerGroup));
            }
        }
        assertThat(s.config().kind().isBatchNorm()).isFalse();
    }

    @Test
    void theConsolePrintsEachKindsReprAndGradFn() {
        Session s = new Session(LayerConfig.defaults(LayerKind.GROUP_NORM, 4), batches(2, 4, 3), null);
        s.step();
        String text = String.join("\n", s.console().entries().stream().map(ConsoleLog.Entry::text).toList());
        assertThat(text).contains(">>> layer = nn.GroupNorm(2, 4, eps=1e-05, affine=True)")
                .contains("grad_fn=<NativeGroupNormBackward0>").doesNotContain("running_mean");
        s.configure(s.config().withKind(LayerKind.LAYER_NORM));
        s.step();
        text = String.join("\n", s.console().entries().stream().map(ConsoleLog.Entry::text).toList());
        assertThat(text).contains("nn.LayerNorm((3,), eps=1e-05, elementwise_affine=True)")
                .contains("grad_fn=<NativeLayerNormBackward0>");
        s.configure(s.config().withKind(LayerKind.INSTANCE_NORM_1D));
        s.step();
        text = s.console().entries().get(s.console().entries().size() - 1).text();
        assertThat(text).contains("running_mean = None").doesNotContain("grad_fn");
    }

    @Test
    void switchingKindsTakesThatKindsPyTorchDefaults() {
        LayerConfig bn = new LayerConfig(LayerKind.BATCH_NORM_2D, 4, 1e-3, Momentum.of(0.3), true, true);
        LayerConfig in = bn.withKind(LayerKind.INSTANCE_NORM_2D);
        assertThat(in.affine()).isFalse();
        assertThat(in.trackRunningStats()).isFalse();
        assertThat(in.eps()).isEqualTo(1e-3);
        assertThat(in.momentum()).isEqualTo(Momentum.of(0.3));
        LayerConfig gn = in.withKind(LayerKind.GROUP_NORM);
        assertThat(gn.affine()).isTrue();
        assertThat(gn.numGroups()).isEqualTo(2);
        assertThat(gn.withNumFeatures(6).numGroups()).isEqualTo(2); // 2 still divides 6
        assertThat(gn.withNumGroups(4).withNumFeatures(6).numGroups()).isEqualTo(3); // 4 does not: C/2
        assertThat(LayerConfig.divisors(12)).containsExactly(1, 2, 3, 4, 6, 12);
        assertThat(gn.withKind(LayerKind.BATCH_NORM_1D).trackRunningStats()).isTrue();
    }

    @Test
    void groupNormsGroupsMustDivideCAsPyTorchSays() {
        assertThatThrownBy(() -> LayerConfig.defaults(LayerKind.GROUP_NORM, 4).withNumGroups(3))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("num_channels must be divisible by num_groups");
        assertThatThrownBy(() -> LayerConfig.defaults(LayerKind.LAYER_NORM, 4).withTrackRunningStats(true))
                .hasMessage("LayerNorm keeps no running stats");
    }

    @Test
    void layerNormsShapeFollowsTheInputAndANewShapeBuildsANewLayer() {
        Session s = new Session(LayerConfig.defaults(LayerKind.LAYER_NORM, 4), batches(2, 4, 3), null);
        assertThat(((LayerNorm) s.layer()).normalizedShape()).containsExactly(3);
        s.step();
        s.setBatches(batches(2, 4, 5));
        assertThat(((LayerNorm) s.layer()).normalizedShape()).containsExactly(5);
        assertThat(s.stepCount()).isZero();
        assertThat(s.undo()).isTrue();
        assertThat(((LayerNorm) s.layer()).normalizedShape()).containsExactly(3);
        assertThat(s.stepCount()).isEqualTo(1);
        assertThatThrownBy(() -> s.configure(s.config().withNormalizedDims(3)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void instanceNormRefusesOneSpatialValueAsPyTorchDoes() {
        Session s = new Session(LayerConfig.defaults(LayerKind.INSTANCE_NORM_1D, 3), batches(2, 3, 1), null);
        assertThat(s.step()).isFalse();
        assertThat(s.refusal()).startsWith("ValueError: Expected more than 1 spatial element when training");
    }
}
