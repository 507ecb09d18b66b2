package org.normscope.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.normscope.engine.InstanceNorm2d;
import org.normscope.engine.LayerNorm;
import org.normscope.engine.Momentum;
import org.normscope.engine.NormLayer;
import org.normscope.engine.Tensor;

/** Scenarios of InstanceNorm, LayerNorm and GroupNorm: what the reader accepts and refuses, and how they replay. */
class FamilyScenarioTest {

    private static Scenario read(String json) throws ScenarioFormatException {
        return ScenarioJson.read(ScenarioFile.parseJson(json), "");
    }

    private static String refusal(String json) {
        try {
            read(json);
        } catch (ScenarioFormatException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void groupNormOfChannelsThatDoNotDivideIntoItsGroupsIsRefusedInTheEnginesWords() {
        assertThat(refusal("{\"layer\": {\"type\": \"GroupNorm\", \"num_groups\": 3, \"num_channels\": 4},"
                + " \"steps\": []}")).isEqualTo("layer.num_channels: num_channels must be divisible by num_groups"
                + " (PyTorch refuses GroupNorm(3, 4) with a ValueError)");
    }

    @Test
    void layerNormOfNoDimensionsIsAScenarioThatPyTorchRefusesAtEveryForward() throws Exception {
        Scenario s = read("{\"layer\": {\"type\": \"LayerNorm\", \"normalized_shape\": [], \"weight\": [3]},"
                + " \"steps\": [{\"input\": {\"shape\": [2, 2], \"data\": [1, 2, 3, 4]}}]}");

        Result r = Replayer.replay(s);

        assertThat(s.layer().normalizedShape()).isEmpty();
        assertThat(r.steps().get(0).error().type()).isEqualTo("RuntimeError");
        assertThat(r.steps().get(0).error().message()).startsWith("Expected normalized_shape to be at least");
    }

    @Test
    void layerNormAndGroupNormHaveNeitherMomentumNorRunningStats() {
        assertThat(refusal("{\"layer\": {\"type\": \"LayerNorm\", \"normalized_shape\": 4, \"momentum\": 0.1},"
                + " \"steps\": []}")).startsWith("layer.momentum: unknown field for a LayerNorm");
        assertThat(refusal("{\"layer\": {\"type\": \"GroupNorm\", \"num_groups\": 1, \"num_channels\": 2,"
                + " \"running_mean\": [0, 0]}, \"steps\": []}")).startsWith("layer.running_mean: unknown field");
        assertThat(refusal("{\"layer\": {\"type\": \"GroupNorm\", \"num_groups\": 1, \"num_channels\": 2},"
                + " \"steps\": [{\"op\": \"reset_running_stats\"}]}")).isEqualTo("steps[0].op: a GroupNorm has no"
                + " running stats to reset (PyTorch raises AttributeError)");
        assertThat(refusal("{\"layer\": {\"type\": \"LayerNorm\", \"normalized_shape\": 4},"
                + " \"steps\": [{\"op\": \"set\", \"momentum\": null}]}"))
                .startsWith("steps[0].momentum: unknown field for a set step on a LayerNorm");
    }

    @Test
    void layerNormsParametersHaveOneValuePerElementOfItsShape() throws Exception {
        assertThat(refusal("{\"layer\": {\"type\": \"LayerNorm\", \"normalized_shape\": [2, 3]},"
                + " \"steps\": [{\"op\": \"set\", \"bias\": [1, 2]}]}")).isEqualTo("steps[0].bias: 2 values, expected 6"
                + " (one per channel)");
        Scenario s = read("{\"layer\": {\"type\": \"LayerNorm\", \"normalized_shape\": [2, 3]},"
                + " \"steps\": [{\"op\": \"set\", \"weight\": [1, 2, 3, 4, 5, 6]}]}");
        assertThat(((Step.Set) s.steps().get(0)).weight()).hasSize(6);
        assertThat(refusal("{\"layer\": {\"type\": \"LayerNorm\", \"normalized_shape\": [4096, 4097]},"
                + " \"steps\": []}")).startsWith("layer.normalized_shape: expected at most 16777216 values in all");
    }

    @Test
    void theWrittenLayerHasOnlyItsTypesFieldsAndReadsBackTheSame() throws Exception {
        for (String layer : List.of("{\"type\": \"LayerNorm\", \"normalized_shape\": [4, 3], \"elementwise_affine\": false}",
                "{\"type\": \"GroupNorm\", \"num_groups\": 2, \"num_channels\": 4, \"eps\": 0.5}",
                "{\"type\": \"InstanceNorm3d\", \"num_features\": 2, \"momentum\": null, \"track_running_stats\": true,"
                        + " \"running_mean\": [1, 2]}")) {
            Scenario s = read("{\"layer\": " + layer + ", \"steps\": []}");

            JsonNode written = ScenarioJson.write(s);

            assertThat(written.get("layer").has("momentum")).isEqualTo(s.layer().type().hasMomentum());
            assertThat(written.get("layer").has("track_running_stats")).isEqualTo(s.layer().type().hasMomentum());
            assertThat(ScenarioJson.write(ScenarioJson.read(written, ""))).isEqualTo(written);
        }
    }

    @Test
    void replayBuildsEachTypeWithItsArgumentsAndState() throws Exception {
        NormLayer in = Replayer.create(read("{\"layer\": {\"type\": \"InstanceNorm2d\", \"num_features\": 2,"
                + " \"eps\": 0.001, \"momentum\": null, \"affine\": true, \"track_running_stats\": true,"
                + " \"running_var\": [2, 3], \"num_batches_tracked\": 4}, \"steps\": []}").layer());
        NormLayer ln = Replayer.create(read("{\"layer\": {\"type\": \"LayerNorm\", \"normalized_shape\": 3,"
                + " \"bias\": [1, 2, 3]}, \"steps\": []}").layer());

        assertThat(in).isInstanceOf(InstanceNorm2d.class).hasToString(
                "InstanceNorm2d(2, eps=0.001, momentum=None, affine=True, track_running_stats=True)");
        assertThat(in.runningVar()).containsExactly(2f, 3f);
        assertThat(in.numBatchesTracked()).isEqualTo(4);
        assertThat(ln).isInstanceOf(LayerNorm.class);
        assertThat(ln.bias()).containsExactly(1f, 2f, 3f);
        assertThat(((org.normscope.engine.NormBase) in).momentum()).isEqualTo(Momentum.CUMULATIVE);
    }

    @Test
    void theCommandsThatKnowBatchNormAloneRefuseTheOtherTypes() throws Exception {
        LayerSpec gn = read("{\"layer\": {\"type\": \"GroupNorm\", \"num_groups\": 1, \"num_channels\": 2},"
                + " \"steps\": []}").layer();

        assertThatThrownBy(() -> Replayer.createLayer(gn)).isInstanceOf(UnsupportedLayerException.class)
                .hasMessage("layer.type: GroupNorm is not supported yet by this command (it knows BatchNorm1d,"
                        + " BatchNorm2d, BatchNorm3d)");
    }

    @Test
    void aResetOnALayerWithoutRunningStatsReplaysAsPythonsAttributeError() throws Exception {
        // the reader refuses such a file; a scenario built in code still replays as the Python script would
        LayerSpec spec = new LayerSpec(LayerKind.LAYER_NORM, 0, 1e-5, Momentum.DEFAULT, true, false, null, null,
                new int[] {2}, 0, 0);
        Scenario s = new Scenario("reset", spec, List.of(new Step.ResetRunningStats(),
                new Step.Forward(Step.Mode.eval, Tensor.ones(1, 2), null)), null);

        Result r = Replayer.replay(s);

        assertThat(r.steps().get(0).error()).isEqualTo(new StepResult.StepError("AttributeError",
                "'LayerNorm' object has no attribute 'reset_running_stats'"));
        assertThat(r.steps().get(1).error()).isNull();
        assertThat(r.steps().get(1).numBatchesTracked()).isNull();
    }
}
