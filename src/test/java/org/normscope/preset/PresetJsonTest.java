package org.normscope.preset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.batch.BatchSpec;
import org.normscope.batch.ChannelSource;
import org.normscope.engine.Momentum;
import org.normscope.scenario.LayerKind;
import org.normscope.session.LayerConfig;

/** Reading preset files strictly, with PyTorch's defaults, and writing them back losslessly. */
class PresetJsonTest {

    /** Keeps numbers as written (1e400 stays 1E+400 rather than becoming the string "Infinity"). */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** A small valid preset with every field given. */
    static final String BASE = """
            {
              "name": "Base",
              "description": "for the tests",
              "layer": {"type": "BatchNorm1d", "num_features": 4, "eps": 0, "momentum": 0.3,
                        "affine": true, "track_running_stats": true},
              "mode": "train",
              "input": {"batch_size": 2, "spatial": [1],
                        "channels": [{"source": "normal", "mean": 0, "std": 1}],
                        "drift_per_step": 0, "seed": 0, "fresh_each_step": true},
              "compare": {"momentum": null}
            }
            """;

    /** BASE with the field at {@code pointer} (a JSON pointer: "/layer/eps") set to {@code json}, or removed if null. */
    static String with(String pointer, String json) throws Exception {
        ObjectNode root = (ObjectNode) MAPPER.readTree(BASE);
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = root.at(p.head());
        String field = p.last().getMatchingProperty();
        if (json == null) {
            ((ObjectNode) parent).remove(field);
        } else {
            ((ObjectNode) parent).set(field, MAPPER.readTree(json));
        }
        return MAPPER.writeValueAsString(root);
    }

    static PresetFormatException refusal(String json) {
        PresetFormatException e = catchThrowableOfType(PresetFormatException.class, () -> PresetJson.parse(json));
        assertThat(e).as("a PresetFormatException for " + json).isNotNull();
        return e;
    }

    // ---------------------------------------------------------------- reading

    @Test
    void readsEveryField() throws Exception {
        Preset p = PresetJson.parse(BASE);

        assertThat(p.name()).isEqualTo("Base");
        assertThat(p.description()).isEqualTo("for the tests");
        assertThat(p.layer()).isEqualTo(new LayerConfig(LayerKind.BATCH_NORM_1D, 4, 0.0, Momentum.of(0.3), true, true));
        assertThat(p.training()).isTrue();
        assertThat(p.batches().shape()).containsExactly(2, 4, 1);
        assertThat(p.batches().sources()).containsOnly(new ChannelSource.Normal(0, 1)).hasSize(4);
        assertThat(p.compareMomentum()).isEqualTo(Momentum.CUMULATIVE);
        assertThat(p.hasComparison()).isTrue();
        assertThat(p.comparisonLayer()).isEqualTo(p.layer().withMomentum(Momentum.CUMULATIVE));
    }

    @Test
    void fieldsLeftOutTakePyTorchsDefaults() throws Exception {
        Preset p = PresetJson.parse("""
                {"name": "Minimal",
                 "layer": {"type": "BatchNorm2d", "num_features": 2},
                 "input": {"batch_size": 3, "spatial": [4, 5],
                           "channels": [{"source": "normal"}, {"source": "uniform"}]}}
                """);

        assertThat(p.description()).isEmpty();
        assertThat(p.layer().kind()).isEqualTo(LayerKind.BATCH_NORM_2D);
        assertThat(p.layer().eps()).isEqualTo(1e-5);
        assertThat(p.layer().momentum()).isEqualTo(Momentum.DEFAULT);
        assertThat(p.layer().affine()).isTrue();
        assertThat(p.layer().trackRunningStats()).isTrue();
        assertThat(p.training()).isTrue();
        assertThat(p.compareMomentum()).isNull();
        assertThat(p.hasComparison()).isFalse();
        assertThat(p.comparisonLayer()).isNull();
        BatchSpec b = p.batches();
        assertThat(b.sources()).containsExactly(new ChannelSource.Normal(0, 1), new ChannelSource.Uniform(0, 1));
        assertThat(b.driftPerStep()).isZero();
        assertThat(b.seed()).isZero();
        assertThat(b.freshEachStep()).isTrue();
    }

    @Test
    void nullMomentumIsNoneAndEvalModeIsRead() throws Exception {
        Preset p = PresetJson.parse(with("/layer/momentum", "null").replace("\"train\"", "\"eval\""));

        assertThat(p.layer().momentum()).isSameAs(Momentum.CUMULATIVE);
        assertThat(p.training()).isFalse();
    }

    @Test
    void oneChannelEntryServesEveryChannelAndOnePerChannelIsKeptInOrder() throws Exception {
        Preset one = PresetJson.parse(with("/input/channels", "[{\"source\": \"constant\", \"value\": 1}]"));
        assertThat(one.batches().sources()).hasSize(4).containsOnly(new ChannelSource.Constant(1));

        Preset four = PresetJson.parse(with("/input/channels", """
                [{"source": "constant", "value": -1.5}, {"source": "normal", "mean": 2, "std": 0.5},
                 {"source": "uniform", "a": -1, "b": 3}, {"source": "constant", "value": 0}]"""));
        assertThat(four.batches().sources()).containsExactly(new ChannelSource.Constant(-1.5),
                new ChannelSource.Normal(2, 0.5), new ChannelSource.Uniform(-1, 3), new ChannelSource.Constant(0));
    }

    @Test
    void batchNorm1dTakesNoSizeAfterC() throws Exception {
        Preset p = PresetJson.parse(with("/input/spatial", "[]"));
        assertThat(p.batches().shape()).containsExactly(2, 4);
    }

    @Test
    void aNegativeOrHugeSeedIsKept() throws Exception {
        assertThat(PresetJson.parse(with("/input/seed", "-3")).batches().seed()).isEqualTo(-3);
        assertThat(PresetJson.parse(with("/input/seed", "9223372036854775807")).batches().seed())
                .isEqualTo(Long.MAX_VALUE);
    }

    // ---------------------------------------------------------------- refusals

    static Stream<Arguments> badInputs() throws Exception {
        return Stream.of(
                // unknown fields
                Arguments.of("unknown top-level field", with("/colour", "\"red\""), "colour", "unknown field"),
                Arguments.of("unknown layer field", with("/layer/weight", "[1, 1, 1, 1]"), "layer.weight", "unknown field"),
                Arguments.of("unknown input field", with("/input/drift", "0.1"), "input.drift", "drift_per_step"),
                Arguments.of("field of another source", with("/input/channels",
                        "[{\"source\": \"normal\", \"value\": 1}]"), "input.channels[0].value",
                        "unknown field for a normal source; expected one of source, mean, std"),
                Arguments.of("unknown compare field", with("/compare/eps", "0"), "compare.eps", "unknown field"),
                Arguments.of("an empty Chinese name", with("/name_zh-CN", "\" \""), "name_zh-CN",
                        "expected a non-empty string"),
                Arguments.of("a Chinese description that is not a string", with("/description_zh-CN", "{\"zh-CN\": \"x\"}"),
                        "description_zh-CN", "expected a string"),
                // missing
                Arguments.of("no name", with("/name", null), "name", "missing"),
                Arguments.of("no layer", with("/layer", null), "layer", "missing, expected an object"),
                Arguments.of("no layer type", with("/layer/type", null), "layer.type", "missing"),
                Arguments.of("no num_features", with("/layer/num_features", null), "layer.num_features", "missing"),
                Arguments.of("no input", with("/input", null), "input", "missing"),
                Arguments.of("no batch size", with("/input/batch_size", null), "input.batch_size", "missing"),
                Arguments.of("no spatial", with("/input/spatial", null), "input.spatial", "missing"),
                Arguments.of("no channels", with("/input/channels", null), "input.channels", "missing"),
                Arguments.of("no source kind", with("/input/channels", "[{\"mean\": 1}]"), "input.channels[0].source",
                        "missing"),
                Arguments.of("no constant value", with("/input/channels", "[{\"source\": \"constant\"}]"),
                        "input.channels[0].value", "missing"),
                Arguments.of("empty compare", with("/compare", "{}"), "compare.momentum", "missing"),
                // wrong types
                Arguments.of("name a number", with("/name", "3"), "name", "expected a non-empty string, got 3"),
                Arguments.of("blank name", with("/name", "\"  \""), "name", "expected a non-empty string"),
                Arguments.of("description a list", with("/description", "[]"), "description", "expected a string"),
                Arguments.of("layer a string", with("/layer", "\"BatchNorm1d\""), "layer", "expected an object"),
                Arguments.of("unknown layer type", with("/layer/type", "\"LayerNorm2d\""), "layer.type",
                        "expected \"BatchNorm1d\", \"BatchNorm2d\", \"BatchNorm3d\", \"InstanceNorm1d\", "
                            + "\"InstanceNorm2d\", \"InstanceNorm3d\", \"LayerNorm\" or \"GroupNorm\", got \"LayerNorm2d\""),
                Arguments.of("LayerNorm with running stats", with("/layer/type", "\"LayerNorm\""), "layer",
                        "LayerNorm keeps no running stats"),
                Arguments.of("num_features a string", with("/layer/num_features", "\"4\""), "layer.num_features",
                        "expected a whole number >= 1, got \"4\""),
                Arguments.of("num_features a fraction", with("/layer/num_features", "2.5"), "layer.num_features",
                        "expected a whole number >= 1"),
                Arguments.of("eps a string", with("/layer/eps", "\"small\""), "layer.eps", "expected a number >= 0"),
                Arguments.of("eps null", with("/layer/eps", "null"), "layer.eps", "expected a number >= 0, got null"),
                Arguments.of("momentum a string", with("/layer/momentum", "\"None\""), "layer.momentum",
                        "expected a number in [0, 1], or null"),
                Arguments.of("affine a string", with("/layer/affine", "\"yes\""), "layer.affine",
                        "expected true or false, got \"yes\""),
                Arguments.of("track a number", with("/layer/track_running_stats", "1"), "layer.track_running_stats",
                        "expected true or false"),
                Arguments.of("mode unknown", with("/mode", "\"test\""), "mode", "expected \"train\" or \"eval\""),
                Arguments.of("mode a boolean", with("/mode", "true"), "mode", "expected \"train\" or \"eval\""),
                Arguments.of("batch size zero", with("/input/batch_size", "0"), "input.batch_size",
                        "expected a whole number >= 1, got 0"),
                Arguments.of("spatial a number", with("/input/spatial", "8"), "input.spatial", "expected a list of sizes"),
                Arguments.of("spatial size zero", with("/input/spatial", "[0]"), "input.spatial[0]",
                        "expected a whole number >= 1"),
                Arguments.of("channels an object", with("/input/channels", "{\"source\": \"normal\"}"),
                        "input.channels", "expected a list of 1 entry"),
                Arguments.of("channel a number", with("/input/channels", "[5]"), "input.channels[0]",
                        "expected a channel source"),
                Arguments.of("unknown source", with("/input/channels", "[{\"source\": \"gamma\"}]"),
                        "input.channels[0].source", "expected \"constant\", \"normal\" or \"uniform\", got \"gamma\""),
                Arguments.of("std a string", with("/input/channels", "[{\"source\": \"normal\", \"std\": \"1\"}]"),
                        "input.channels[0].std", "expected a number >= 0"),
                Arguments.of("drift a string", with("/input/drift_per_step", "\"0.1\""), "input.drift_per_step",
                        "expected a number"),
                Arguments.of("seed a fraction", with("/input/seed", "1.5"), "input.seed", "expected a whole number"),
                Arguments.of("seed beyond 64 bits", with("/input/seed", "18446744073709551616"), "input.seed",
                        "expected a whole number"),
                Arguments.of("fresh a string", with("/input/fresh_each_step", "\"no\""), "input.fresh_each_step",
                        "expected true or false"),
                Arguments.of("compare null", with("/compare", "null"), "compare",
                        "expected an object such as {\"momentum\": null}"),
                Arguments.of("compare momentum a string", with("/compare/momentum", "\"none\""), "compare.momentum",
                        "expected a number in [0, 1], or null"),
                // shapes that do not fit
                Arguments.of("two channel entries for four channels", with("/input/channels",
                        "[{\"source\": \"normal\"}, {\"source\": \"normal\"}]"), "input.channels",
                        "2 entries, expected 1 entry (used for every channel) or 4 (one per channel: num_features is 4)"),
                Arguments.of("five channel entries for four channels", with("/input/channels",
                        "[{\"source\": \"normal\"}, {\"source\": \"normal\"}, {\"source\": \"normal\"},"
                                + " {\"source\": \"normal\"}, {\"source\": \"normal\"}]"), "input.channels", "5 entries"),
                Arguments.of("no channel entry", with("/input/channels", "[]"), "input.channels", "0 entries"),
                Arguments.of("BatchNorm1d with two sizes after C", with("/input/spatial", "[2, 2]"), "input.spatial",
                        "BatchNorm1d takes (N, C) or (N, C, L): 0 or 1 size after C, got [2, 2]"),
                Arguments.of("BatchNorm2d with one size after C", with("/layer/type", "\"BatchNorm2d\""), "input.spatial",
                        "BatchNorm2d takes (N, C, H, W): 2 sizes after C, got [1]"),
                Arguments.of("BatchNorm3d with one size after C", with("/layer/type", "\"BatchNorm3d\""), "input.spatial",
                        "BatchNorm3d takes (N, C, D, H, W): 3 sizes after C, got [1]"),
                // values the records refuse
                Arguments.of("negative std", with("/input/channels", "[{\"source\": \"normal\", \"std\": -0.5}]"),
                        "input.channels[0].std", "std must be at least 0, got -0.5"),
                Arguments.of("uniform a above b", with("/input/channels", "[{\"source\": \"uniform\", \"a\": 3, \"b\": 1}]"),
                        "input.channels[0].a", "a must not be above b, got a = 3 and b = 1"),
                Arguments.of("constant beyond double", with("/input/channels",
                        "[{\"source\": \"constant\", \"value\": 1e400}]"), "input.channels[0].value",
                        "value must be a finite number"),
                Arguments.of("negative eps", with("/layer/eps", "-1"), "layer.eps",
                        "eps must be a finite number at least 0, got -1.0"),
                Arguments.of("infinite eps", with("/layer/eps", "1e400"), "layer.eps", "eps must be a finite number"),
                Arguments.of("too many channels", with("/layer/num_features", "65"), "layer.num_features",
                        "num_features must be from 1 to 64, got 65"),
                Arguments.of("momentum above 1", with("/layer/momentum", "1.5"), "layer.momentum",
                        "momentum must be a number in [0, 1] or None, got 1.5"),
                Arguments.of("negative momentum", with("/layer/momentum", "-0.1"), "layer.momentum",
                        "momentum must be a number in [0, 1] or None, got -0.1"),
                Arguments.of("compare momentum above 1", with("/compare/momentum", "2"), "compare.momentum",
                        "momentum must be a number in [0, 1] or None, got 2.0"),
                Arguments.of("infinite drift", with("/input/drift_per_step", "-1e999"), "input",
                        "the drift must be a finite number, got -Infinity"),
                Arguments.of("a batch too large", with("/input/spatial", "[100000]").replace("\"batch_size\":2",
                        "\"batch_size\":100"), "input", "a batch of 40000000 values is too large"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsRefusedNamingTheField(String what, String json, String path, String problem) {
        PresetFormatException e = refusal(json);

        assertThat(e.path()).isEqualTo(path);
        assertThat(e.getMessage()).startsWith(path + ": ").contains(problem).doesNotContain("\n");
    }

    @Test
    void textThatIsNotOneJsonObjectIsRefused() throws Exception {
        assertThat(refusal("").getMessage()).isEqualTo("not JSON: the text is empty");
        assertThat(refusal("{\"name\": ").getMessage()).startsWith("not JSON at line 1, column ");
        assertThat(refusal(BASE + " {}").getMessage()).startsWith("not JSON at line ");
        assertThat(refusal("[1, 2]").getMessage()).isEqualTo("expected an object, got [1,2]");
        PresetFormatException twice = refusal("{\"name\": \"a\", \"name\": \"b\"}");
        assertThat(twice.getMessage()).startsWith("name: a field given twice (the second at line 1, column ");
        assertThat(twice.path()).isEqualTo("name");
        PresetFormatException nested = refusal(BASE.replace("\"eps\"", "\"eps\": 1, \"eps\""));
        assertThat(nested.getMessage()).startsWith("layer.eps: a field given twice (the second at line ");
        assertThat(refusal(with("/layer/eps", "0").replace("\"eps\":0", "\"eps\":NaN")).getMessage())
                .startsWith("not JSON at line 1");
    }

    @Test
    void anUnknownFieldIsReportedBeforeAMissingOne() throws Exception {
        // A misspelt field name says so, rather than "input: missing".
        String json = with("/input", null).replace("\"compare\"", "\"inputs\":{},\"compare\"");
        assertThat(refusal(json).getMessage()).startsWith("inputs: unknown field; expected one of name, name_zh-CN, description, description_zh-CN, "
                + "layer, mode, input, compare");
    }

    @Test
    void theChineseNameAndDescriptionAreOptionalAndShownForAChineseLocale() throws Exception {
        Preset en = PresetJson.parse(BASE);
        assertThat(en.nameZhCn()).isEmpty();
        assertThat(en.name(java.util.Locale.SIMPLIFIED_CHINESE)).isEqualTo("Base"); // none: the English
        assertThat(en.description(java.util.Locale.SIMPLIFIED_CHINESE)).isEqualTo("for the tests");

        Preset zh = PresetJson.parse(with("/name_zh-CN", "\"基础\"").replace("\"description\"",
                "\"description_zh-CN\": \"用于测试\", \"description\""));
        assertThat(zh.name(java.util.Locale.SIMPLIFIED_CHINESE)).isEqualTo("基础");
        assertThat(zh.description(java.util.Locale.SIMPLIFIED_CHINESE)).isEqualTo("用于测试");
        assertThat(zh.name(java.util.Locale.ENGLISH)).isEqualTo("Base");
        assertThat(zh.description(java.util.Locale.ENGLISH)).isEqualTo("for the tests");
        assertThat(PresetJson.parse(PresetJson.toJson(zh))).isEqualTo(zh);
        assertThat(MAPPER.readTree(PresetJson.toJson(en)).has("name_zh-CN")).isFalse(); // written only when there is one
    }

    // ---------------------------------------------------------------- writing

    static Stream<Preset> presets() {
        ChannelSource.Normal n = new ChannelSource.Normal(-2, 0.5);
        return Stream.of(
                new Preset("Notebook", "", LayerConfig.notebook(), BatchSpec.ones(4), true, null),
                new Preset("Mixed \"sources\" — ünïcode", "Two\nlines", new LayerConfig(LayerKind.BATCH_NORM_1D, 3,
                        1e-5, Momentum.CUMULATIVE, false, true), new BatchSpec(5, new int[0], List.of(n,
                        new ChannelSource.Uniform(-0.25, 1e-3), new ChannelSource.Constant(-0.0)), -0.0, -42, false),
                        false, Momentum.of(0.7)),
                new Preset("3d", "x", new LayerConfig(LayerKind.BATCH_NORM_3D, 2, 0.1 + 0.2, Momentum.of(1), true, false),
                        new BatchSpec(1, new int[] {2, 3, 4}, List.of(n, n), 1.0 / 3, Long.MIN_VALUE, true), true,
                        Momentum.of(0)),
                new Preset("2d", "y", new LayerConfig(LayerKind.BATCH_NORM_2D, 64, 1e300, Momentum.of(Double.MIN_VALUE),
                        true, true), new BatchSpec(2, new int[] {3, 3}, List.of(new ChannelSource.Normal(1e-300, 1e10)),
                        1e-7, 1, true).withChannels(64), false, Momentum.CUMULATIVE));
    }

    @ParameterizedTest
    @MethodSource("presets")
    void toJsonRoundTrips(Preset preset) throws Exception {
        String json = PresetJson.toJson(preset);
        Preset back = PresetJson.parse(json);

        assertThat(back).isEqualTo(preset);
        assertThat(PresetJson.toJson(back)).isEqualTo(json);
    }

    @Test
    void toJsonWritesEveryFieldAndOneChannelEntryWhenAllChannelsAgree() throws Exception {
        Preset p = PresetJson.parse(BASE);
        JsonNode tree = MAPPER.readTree(PresetJson.toJson(p));

        assertThat(tree.get("layer").get("eps").isIntegralNumber()).isTrue();
        assertThat(tree.get("layer").get("momentum").asDouble()).isEqualTo(0.3);
        assertThat(tree.get("mode").asText()).isEqualTo("train");
        assertThat(tree.get("input").get("channels")).hasSize(1);
        assertThat(tree.get("compare").get("momentum").isNull()).isTrue();
        assertThat(tree.get("layer").get("track_running_stats").asBoolean()).isTrue();

        Preset noCompare = new Preset("n", "", p.layer(), p.batches().withSource(2, new ChannelSource.Constant(5)),
                false, null);
        JsonNode t2 = MAPPER.readTree(PresetJson.toJson(noCompare));
        assertThat(t2.has("compare")).isFalse();
        assertThat(t2.get("mode").asText()).isEqualTo("eval");
        assertThat(t2.get("input").get("channels")).hasSize(4);
        assertThat(t2.get("input").get("channels").get(2).toString()).isEqualTo("{\"source\":\"constant\",\"value\":5}");
    }

    // ---------------------------------------------------------------- the record

    @Test
    void theRecordKeepsLayerAndBatchesConsistent() {
        LayerConfig layer = LayerConfig.notebook();
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> new Preset("x", "", layer, BatchSpec.ones(3), true, null)))
                .hasMessage("the batches have 3 channels, but the layer has num_features = 4");
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> new Preset("x", "", layer.withKind(LayerKind.BATCH_NORM_2D), BatchSpec.ones(4), true, null)))
                .hasMessageContaining("BatchNorm2d takes (N, C, H, W)");
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> new Preset(" ", "", layer, BatchSpec.ones(4), true, null)))
                .hasMessage("name must not be empty");
    }
}
