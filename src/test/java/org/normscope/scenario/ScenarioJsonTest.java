package org.normscope.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.normscope.engine.BatchNorm;
import org.normscope.engine.Momentum;
import org.normscope.engine.Tensor;

/** Reading and writing {@code normscope-scenario/1}: PyTorch's defaults, and a lossless round-trip. */
class ScenarioJsonTest {

    private static Scenario read(String json) throws ScenarioFormatException {
        return ScenarioJson.read(ScenarioFile.parseJson(json), "");
    }

    private static LayerSpec layer(String layerJson) throws ScenarioFormatException {
        return read("{\"layer\": " + layerJson + ", \"steps\": []}").layer();
    }

    // ---------------------------------------------------------------- defaults

    @ParameterizedTest
    @ValueSource(strings = {"BatchNorm1d", "BatchNorm2d", "BatchNorm3d"})
    void batchNormTakesPyTorchsDefaults(String type) throws Exception {
        LayerSpec l = layer("{\"type\": \"" + type + "\", \"num_features\": 3}");

        assertThat(l.type()).isEqualTo(LayerKind.ofTorchName(type));
        assertThat(l.numFeatures()).isEqualTo(3);
        assertThat(l.eps()).isEqualTo(1e-5).isEqualTo(BatchNorm.DEFAULT_EPS);
        assertThat(l.momentum()).isEqualTo(Momentum.DEFAULT);
        assertThat(l.momentum().isCumulative()).isFalse();
        assertThat(l.momentum().value()).isEqualTo(0.1);
        assertThat(l.affine()).isTrue();
        assertThat(l.trackRunningStats()).isTrue();
        assertThat(l.weight()).isNull();
        assertThat(l.bias()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d"})
    void instanceNormIsNeitherAffineNorTrackingByDefault(String type) throws Exception {
        LayerSpec l = layer("{\"type\": \"" + type + "\", \"num_features\": 3}");

        assertThat(l.eps()).isEqualTo(1e-5);
        assertThat(l.momentum()).isEqualTo(Momentum.DEFAULT);
        assertThat(l.affine()).isFalse();
        assertThat(l.trackRunningStats()).isFalse();
    }

    @Test
    void layerNormAndGroupNormAreAffineByDefault() throws Exception {
        LayerSpec ln = layer("{\"type\": \"LayerNorm\", \"normalized_shape\": [4, 5]}");
        assertThat(ln.normalizedShape()).containsExactly(4, 5);
        assertThat(ln.affine()).isTrue();
        assertThat(ln.eps()).isEqualTo(1e-5);
        assertThat(layer("{\"type\": \"LayerNorm\", \"normalized_shape\": 6}").normalizedShape()).containsExactly(6);

        LayerSpec gn = layer("{\"type\": \"GroupNorm\", \"num_groups\": 2, \"num_channels\": 4}");
        assertThat(gn.numGroups()).isEqualTo(2);
        assertThat(gn.numChannels()).isEqualTo(4);
        assertThat(gn.affine()).isTrue();
    }

    @Test
    void momentumNullMeansACumulativeMovingAverage() throws Exception {
        LayerSpec l = layer("{\"type\": \"BatchNorm1d\", \"num_features\": 2, \"momentum\": null}");

        assertThat(l.momentum()).isEqualTo(Momentum.CUMULATIVE);
        assertThat(l.momentum().isCumulative()).isTrue();
    }

    @Test
    void givenFieldsOverrideTheDefaults() throws Exception {
        LayerSpec l = layer("{\"type\": \"BatchNorm2d\", \"num_features\": 2, \"eps\": 0, \"momentum\": 0.3,"
                + " \"affine\": true, \"track_running_stats\": false, \"weight\": [2, 3], \"bias\": [-1, \"NaN\"]}");

        assertThat(l.eps()).isZero();
        assertThat(l.momentum()).isEqualTo(Momentum.of(0.3));
        assertThat(l.trackRunningStats()).isFalse();
        assertThat(l.weight()).containsExactly(2f, 3f);
        assertThat(l.bias()).containsExactly(-1f, Float.NaN);
        assertThat(layer("{\"type\": \"InstanceNorm2d\", \"num_features\": 2, \"affine\": true,"
                + " \"track_running_stats\": true}").trackRunningStats()).isTrue();
    }

    @Test
    void momentumZeroAndOneAreAllowed() throws Exception {
        assertThat(layer("{\"type\": \"BatchNorm1d\", \"num_features\": 2, \"momentum\": 0}").momentum().value()).isZero();
        assertThat(layer("{\"type\": \"BatchNorm1d\", \"num_features\": 2, \"momentum\": 1}").momentum().value()).isOne();
    }

    @Test
    void aForwardWithoutModeRunsInTrainAndOpDefaultsToForward() throws Exception {
        Scenario s = read("""
                {"layer": {"type": "BatchNorm1d", "num_features": 2},
                 "steps": [
                   {"input": {"shape": [2, 2], "data": [1, 2, 3, 4]}},
                   {"op": "forward", "input": {"shape": [2, 2], "data": [1, 2, 3, 4]}},
                   {"mode": "eval", "input": {"shape": [2, 2], "data": [1, 2, 3, 4]}},
                   {"op": "reset_running_stats"}
                 ]}""");

        assertThat(s.steps()).hasSize(4);
        assertThat(s.steps().get(0)).isInstanceOf(Step.Forward.class);
        Step.Forward first = (Step.Forward) s.steps().get(0);
        assertThat(first.mode()).isEqualTo(Step.Mode.train);
        assertThat(first.input()).isEqualTo(new Tensor(new int[] {2, 2}, new float[] {1, 2, 3, 4}));
        assertThat(first.gradOutput()).isNull();
        assertThat(((Step.Forward) s.steps().get(1)).mode()).isEqualTo(Step.Mode.train);
        assertThat(((Step.Forward) s.steps().get(2)).mode()).isEqualTo(Step.Mode.eval);
        assertThat(s.steps().get(3)).isInstanceOf(Step.ResetRunningStats.class);
        assertThat(s.name()).isEmpty();
    }

    @Test
    void aForwardWithoutModeReplaysWithBatchStatistics() throws Exception {
        Scenario s = read("{\"layer\": {\"type\": \"BatchNorm1d\", \"num_features\": 1},"
                + " \"steps\": [{\"input\": {\"shape\": [2, 1], \"data\": [0, 2]}}]}");

        StepResult r = Replayer.replay(s).steps().get(0);

        assertThat(r.output().data()[0]).isCloseTo(-1f, org.assertj.core.api.Assertions.within(1e-4f));
        assertThat(r.numBatchesTracked()).isEqualTo(1L);
        assertThat(r.runningMean()).containsExactly(new float[] {0.1f}, org.assertj.core.api.Assertions.within(1e-6f));
    }

    @Test
    void toleranceIsReadAndDefaultsToTheSpecs() throws Exception {
        String steps = "\"layer\": {\"type\": \"BatchNorm1d\", \"num_features\": 2}, \"steps\": []";

        assertThat(read("{" + steps + "}").tolerance()).isEqualTo(Tolerance.DEFAULT).isEqualTo(new Tolerance(1e-5, 1e-4));
        assertThat(read("{" + steps + ", \"tolerance\": {\"atol\": 0.001, \"rtol\": 0.01}}").tolerance())
                .isEqualTo(new Tolerance(1e-3, 1e-2));
        assertThat(read("{" + steps + ", \"tolerance\": {\"atol\": 0.5}}").tolerance()).isEqualTo(new Tolerance(0.5, 1e-4));
        assertThat(read("{" + steps + ", \"tolerance\": null}").tolerance()).isEqualTo(Tolerance.DEFAULT);
        assertThatThrownBy(() -> read("{" + steps + ", \"tolerance\": {\"rtol\": -1}}"))
                .isInstanceOf(ScenarioFormatException.class).hasMessageStartingWith("tolerance.rtol: expected a number >= 0");
    }

    @Test
    void errorsInsideAGoldenFileNameThePathFromTheRoot() {
        assertThatThrownBy(() -> ScenarioFile.parse("{\"scenario\": {\"layer\": {\"type\": \"BatchNorm1d\","
                + " \"num_features\": 2}, \"steps\": [{\"input\": {\"shape\": [1], \"data\": [\"x\"]}}]}}"))
                .isInstanceOf(ScenarioFormatException.class)
                .hasMessageStartingWith("scenario.steps[0].input.data[0]: expected a number");
    }

    // ---------------------------------------------------------------- round-trip

    private static Scenario everything(Momentum momentum) {
        float[] special = {1.5f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 3.4028235e38f,
            1.4e-45f, -2.5f, 0.1f, 1e-7f, 123456.79f, 0f};
        Tensor input = new Tensor(new int[] {2, 3, 2}, special);
        Tensor grad = new Tensor(new int[] {2, 3, 2}, new float[] {Float.NaN, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
            Float.NEGATIVE_INFINITY});
        LayerSpec spec = LayerSpec.batchNorm(LayerKind.BATCH_NORM_1D, 3, 0.001, momentum, true, false)
                .withParameters(new float[] {Float.NaN, 2, -0f}, new float[] {Float.POSITIVE_INFINITY, 0.25f, -1});
        return new Scenario("round trip", spec, List.of(
                new Step.Forward(Step.Mode.train, input, grad),
                new Step.Forward(Step.Mode.eval, new Tensor(new int[] {0, 3}, new float[0]), null),
                new Step.ResetRunningStats()), new Tolerance(0.002, 0.03));
    }

    private static void assertSameScenario(Scenario got, Scenario want) {
        assertThat(got.name()).isEqualTo(want.name());
        assertThat(got.tolerance()).isEqualTo(want.tolerance());
        LayerSpec g = got.layer();
        LayerSpec w = want.layer();
        assertThat(g.type()).isEqualTo(w.type());
        assertThat(g.numFeatures()).isEqualTo(w.numFeatures());
        assertThat(g.eps()).isEqualTo(w.eps());
        assertThat(g.momentum()).isEqualTo(w.momentum());
        assertThat(g.affine()).isEqualTo(w.affine());
        assertThat(g.trackRunningStats()).isEqualTo(w.trackRunningStats());
        assertThat(bits(g.weight())).isEqualTo(bits(w.weight()));
        assertThat(bits(g.bias())).isEqualTo(bits(w.bias()));
        assertThat(got.steps()).hasSameSizeAs(want.steps());
        for (int i = 0; i < want.steps().size(); i++) {
            Step gs = got.steps().get(i);
            Step ws = want.steps().get(i);
            assertThat(gs.getClass()).isEqualTo(ws.getClass());
            if (ws instanceof Step.Forward wf) {
                Step.Forward gf = (Step.Forward) gs;
                assertThat(gf.mode()).isEqualTo(wf.mode());
                // Tensor.equals compares data with Arrays.equals: NaN equals NaN, -0.0 differs from 0.0.
                assertThat(gf.input()).isEqualTo(wf.input());
                assertThat(gf.gradOutput()).isEqualTo(wf.gradOutput());
            }
        }
    }

    private static int[] bits(float[] values) {
        return values == null ? null : java.util.stream.IntStream.range(0, values.length)
                .map(i -> Float.floatToIntBits(values[i])).toArray();
    }

    @Test
    void writeThenReadKeepsEverythingIncludingNonFiniteValuesAndNegativeZero() throws Exception {
        Scenario s = everything(Momentum.of(0.3));

        JsonNode written = ScenarioJson.write(s);
        Scenario reread = ScenarioJson.read(written, "");

        assertSameScenario(reread, s);
        assertThat(written.get("format").asText()).isEqualTo(Scenario.FORMAT);
        assertThat(written.get("steps").get(0).get("input").get("data").toString())
                .contains("\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "-0.0");
    }

    @Test
    void writeThenReadKeepsMomentumNull() throws Exception {
        Scenario s = everything(Momentum.CUMULATIVE);

        JsonNode written = ScenarioJson.write(s);
        Scenario reread = ScenarioJson.read(written, "");

        assertThat(written.get("layer").has("momentum")).isTrue();
        assertThat(written.get("layer").get("momentum").isNull()).isTrue();
        assertThat(reread.layer().momentum().isCumulative()).isTrue();
        assertSameScenario(reread, s);
    }

    @Test
    void textRoundTripThroughScenarioFileKeepsEverything() throws Exception {
        for (Momentum m : List.of(Momentum.CUMULATIVE, Momentum.DEFAULT, Momentum.of(0), Momentum.of(1))) {
            Scenario s = everything(m);
            String text = new ScenarioFile(s, null).toJson();

            ScenarioFile reread = ScenarioFile.parse(text);

            assertThat(reread.expected()).isNull();
            assertSameScenario(reread.scenario(), s);
            assertThat(reread.toJson()).isEqualTo(text);
        }
    }

    @Test
    void theDefaultToleranceIsNotWrittenAndStillReadBack() throws Exception {
        Scenario s = new Scenario("t", LayerSpec.batchNorm(LayerKind.BATCH_NORM_2D, 1, 1e-5, Momentum.DEFAULT, true, true),
                List.of(), null);

        JsonNode written = ScenarioJson.write(s);

        assertThat(written.has("tolerance")).isFalse();
        assertThat(ScenarioJson.read(written, "").tolerance()).isEqualTo(Tolerance.DEFAULT);
    }

    @Test
    void writtenDefaultsAreExplicitAndReadBackTheSame() throws Exception {
        Scenario s = read("{\"layer\": {\"type\": \"InstanceNorm1d\", \"num_features\": 4}, \"steps\": []}");

        JsonNode layer = ScenarioJson.write(s).get("layer");

        assertThat(layer.get("eps").asDouble()).isEqualTo(1e-5);
        assertThat(layer.get("momentum").asDouble()).isEqualTo(0.1);
        assertThat(layer.get("affine").asBoolean()).isFalse();
        assertThat(layer.get("track_running_stats").asBoolean()).isFalse();
        assertThat(layer.has("weight")).isFalse();
        assertSameScenario(ScenarioJson.read(ScenarioJson.write(s), ""), s);
    }

    @Test
    void aResultWithErrorsAndGradientsSurvivesItsJson() throws Exception {
        Scenario s = read("""
                {"layer": {"type": "BatchNorm1d", "num_features": 2, "momentum": null},
                 "steps": [
                   {"input": {"shape": [2, 2], "data": [1, "NaN", 3, 4]},
                    "grad_output": {"shape": [2, 2], "data": [1, 0, 0, 1]}},
                   {"input": {"shape": [1, 2], "data": [1, 2]}},
                   {"op": "reset_running_stats"}
                 ]}""");
        Result r = Replayer.replay(s);

        Result reread = ResultJson.read(ScenarioFile.parseJson(ResultJson.write(r)), "");

        assertThat(ResultComparator.compare(reread, r, new Tolerance(0, 0))).isEmpty();
        assertThat(reread.steps().get(0).output().data()[1]).isNaN();
        assertThat(reread.steps().get(0).runningMean()[1]).isNaN();
        assertThat(reread.steps().get(0).hasGradients()).isTrue();
        assertThat(reread.steps().get(1).error().type()).isEqualTo("ValueError");
        assertThat(reread.steps().get(2).output()).isNull();
        assertThat(reread.steps().get(2).hasGradients()).isFalse();
    }
}
