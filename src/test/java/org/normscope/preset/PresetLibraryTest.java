package org.normscope.preset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.batch.BatchSource;
import org.normscope.batch.ChannelSource;
import org.normscope.engine.BatchNorm;
import org.normscope.engine.NormLayer;
import org.normscope.engine.Momentum;
import org.normscope.engine.Tensor;
import org.normscope.session.LayerConfig;
import org.normscope.scenario.LayerKind;

/** The built-in presets: what they hold, that they do what their descriptions say, and finding them. */
class PresetLibraryTest {

    static List<String> ids() {
        return PresetLibrary.ids();
    }

    // ---------------------------------------------------------------- the list

    @Test
    void theBuiltInPresetsComeInIndexOrderWithTheNotebookFirst() {
        // The index may list more presets after these four.
        assertThat(PresetLibrary.ids()).startsWith("notebook", "noisy-small-batches", "drifting", "eval-untracked")
                .doesNotHaveDuplicates();
        assertThat(PresetLibrary.builtIn()).extracting(Preset::name).startsWith("Notebook: BatchNorm1d on ones",
                "Noisy small batches", "Drifting data: momentum 0.1 vs None", "Eval without tracked stats");
        assertThat(PresetLibrary.builtIn()).hasSameSizeAs(PresetLibrary.ids());
        assertThat(PresetLibrary.first()).isSameAs(PresetLibrary.builtIn().get(0));
        assertThat(PresetLibrary.builtIn()).allSatisfy(p -> assertThat(p.description()).isNotBlank());
    }

    @Test
    void theNotebookPresetIsTheNotebooksLayerOnOnes() {
        Preset p = PresetLibrary.find("notebook");

        assertThat(p.layer()).isEqualTo(LayerConfig.notebook());
        assertThat(p.layer().momentum().value()).isEqualTo(0.3);
        assertThat(p.layer().eps()).isZero();
        assertThat(p.batches().shape()).containsExactly(2, 4, 1);
        assertThat(p.batches().sources()).hasSize(4).containsOnly(new ChannelSource.Constant(1));
        assertThat(p.batches().driftPerStep()).isZero();
        assertThat(p.training()).isTrue();
        assertThat(p.compareMomentum()).isNull();
    }

    @Test
    void theNotebookPresetPrintsTheNotebooksRunningStatsAfterFourSteps() {
        Preset p = PresetLibrary.find("notebook");
        BatchSource source = new BatchSource(p.batches());
        NormLayer layer = p.layer().build(p.batches().spatial());
        float[][] means = {{0.3f}, {0.51f}, {0.657f}, {0.7599f}};
        for (int t = 1; t <= 4; t++) {
            Tensor out = layer.forward(source.batch(t, false));
            assertThat(out.data()).containsOnly(0f);
            for (float m : layer.runningMean()) {
                assertThat(m).isCloseTo(means[t - 1][0], within(1e-6f));
            }
        }
        for (float v : layer.runningVar()) {
            assertThat(v).isCloseTo(0.2401f, within(1e-6f));
        }
    }

    @Test
    void theNoisyPresetHasFourClearlyDifferentNormalChannels() {
        Preset p = PresetLibrary.find("noisy-small-batches");

        assertThat(p.layer()).isEqualTo(new LayerConfig(LayerKind.BATCH_NORM_1D, 4, 1e-5, Momentum.of(0.1), true, true));
        assertThat(p.batches().shape()).containsExactly(4, 4, 2);
        assertThat(p.batches().sources()).containsExactly(new ChannelSource.Normal(-2, 0.5),
                new ChannelSource.Normal(0, 1), new ChannelSource.Normal(1, 2), new ChannelSource.Normal(3, 0.25));
        assertThat(p.batches().freshEachStep()).isTrue();
        assertThat(p.batches().seed()).isEqualTo(7);
        assertThat(p.batches().driftPerStep()).isZero();
        assertThat(p.training()).isTrue();
        assertThat(p.compareMomentum()).isNull();
    }

    @Test
    void theNoisyPresetsRunningStatsJitterAroundTheTrueOnes() {
        Preset p = PresetLibrary.find("noisy-small-batches");
        BatchSource source = new BatchSource(p.batches());
        NormLayer layer = p.layer().build(p.batches().spatial());
        float[] before = null;
        for (int t = 1; t <= 200; t++) {
            before = layer.runningMean();
            layer.forward(source.batch(t, false));
        }
        float[] mean = layer.runningMean();
        float[] var = layer.runningVar();
        for (int c = 0; c < 4; c++) {
            double sd = Math.sqrt(source.trueVariance(c));
            // Near the truth (the EMA of 8-value batch means has a spread of about 0.08 sd) ...
            assertThat((double) mean[c]).as("running_mean[%d]", c).isCloseTo(source.trueMean(c, 200), within(0.4 * sd));
            assertThat((double) var[c]).as("running_var[%d]", c).isCloseTo(source.trueVariance(c),
                    within(0.6 * source.trueVariance(c)));
            // ... but still moving.
            assertThat(mean[c]).isNotEqualTo(before[c]);
        }
    }

    @Test
    void theDriftingPresetComparesMomentumPointOneWithNone() {
        Preset p = PresetLibrary.find("drifting");

        assertThat(p.layer()).isEqualTo(new LayerConfig(LayerKind.BATCH_NORM_1D, 4, 1e-5, Momentum.of(0.1), true, true));
        assertThat(p.batches().shape()).containsExactly(32, 4, 8);
        assertThat(p.batches().sources()).hasSize(4).containsOnly(new ChannelSource.Normal(0, 1));
        assertThat(p.batches().driftPerStep()).isEqualTo(0.02);
        assertThat(p.batches().freshEachStep()).isTrue();
        assertThat(p.training()).isTrue();
        assertThat(p.compareMomentum()).isSameAs(Momentum.CUMULATIVE);
        assertThat(p.comparisonLayer()).isEqualTo(p.layer().withMomentum(Momentum.CUMULATIVE));
    }

    @Test
    void inTheDriftingPresetTheCumulativeAverageFallsFurtherAndFurtherBehind() {
        Preset p = PresetLibrary.find("drifting");
        BatchSource source = new BatchSource(p.batches());
        NormLayer ema = p.layer().build(p.batches().spatial());
        NormLayer cumulative = p.comparisonLayer().build(p.batches().spatial());
        double[] cumulativeLag = new double[201];
        double emaLag = 0;
        for (int t = 1; t <= 200; t++) {
            Tensor x = source.batch(t, false);
            ema.forward(x);
            cumulative.forward(x);
            cumulativeLag[t] = source.trueMean(0, t) - cumulative.runningMean()[0];
            emaLag = source.trueMean(0, t) - ema.runningMean()[0];
        }
        // The EMA settles about drift·(1 − m)/m = 0.18 behind; the cumulative average drift·(t − 1)/2 behind.
        assertThat(emaLag).isCloseTo(0.18, within(0.1));
        assertThat(cumulativeLag[50]).isCloseTo(0.49, within(0.1));
        assertThat(cumulativeLag[100]).isCloseTo(0.99, within(0.1));
        assertThat(cumulativeLag[200]).isCloseTo(1.99, within(0.1));
    }

    @Test
    void theEvalUntrackedPresetNormalizesWithBatchStatsInEval() {
        Preset p = PresetLibrary.find("eval-untracked");

        assertThat(p.layer()).isEqualTo(new LayerConfig(LayerKind.BATCH_NORM_2D, 3, 1e-5, Momentum.of(0.1), true, false));
        assertThat(p.batches().shape()).containsExactly(8, 3, 4, 4);
        assertThat(p.batches().sources()).hasSize(3).containsOnly(new ChannelSource.Normal(2, 3));
        assertThat(p.training()).isFalse();
        assertThat(p.compareMomentum()).isNull();

        BatchNorm layer = (BatchNorm) p.layer().build(p.batches().spatial()).train(p.training());
        Tensor out = layer.forward(new BatchSource(p.batches()).batch(1, false));
        assertThat(layer.lastUsedBatchStats()).isTrue();
        assertThat(layer.runningMean()).isNull();
        // Every channel of the output has mean 0 and (biased) variance 1.
        float[] y = out.data();
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            double squares = 0;
            for (int n = 0; n < 8; n++) {
                for (int s = 0; s < 16; s++) {
                    double v = y[(n * 3 + c) * 16 + s];
                    sum += v;
                    squares += v * v;
                }
            }
            assertThat(sum / 128).isCloseTo(0, within(1e-5));
            assertThat(squares / 128).isCloseTo(1, within(1e-4));
        }
    }

    @ParameterizedTest
    @MethodSource("ids")
    void everyPresetFileRoundTripsThroughToJson(String id) throws Exception {
        Preset p = PresetLibrary.find(id);
        assertThat(PresetJson.parse(PresetJson.toJson(p))).isEqualTo(p);
    }

    @ParameterizedTest
    @MethodSource("ids")
    void everyBuiltInPresetHasItsNameAndDescriptionInChinese(String id) {
        Preset p = PresetLibrary.find(id);
        assertThat(p.nameZhCn()).isNotBlank().isNotEqualTo(p.name());
        assertThat(p.descriptionZhCn()).isNotBlank().isNotEqualTo(p.description());
        assertThat(p.name(java.util.Locale.SIMPLIFIED_CHINESE)).isEqualTo(p.nameZhCn());
    }

    @Test
    void theReadmeDescribesEveryPreset() throws IOException {
        String readme = Files.readString(Path.of("resources/presets/README.md"));
        for (String id : PresetLibrary.ids()) {
            assertThat(readme).contains("`" + id + ".json`").contains(PresetLibrary.find(id).name());
        }
    }

    // ---------------------------------------------------------------- find

    @Test
    void findTakesANameInAnyCaseOrAnId() {
        Preset notebook = PresetLibrary.builtIn().get(0);
        assertThat(PresetLibrary.find("Notebook: BatchNorm1d on ones")).isSameAs(notebook);
        assertThat(PresetLibrary.find("notebook: batchnorm1d ON ONES")).isSameAs(notebook);
        assertThat(PresetLibrary.find("notebook")).isSameAs(notebook);
        assertThat(PresetLibrary.find("  NoteBook ")).isSameAs(notebook);
        assertThat(PresetLibrary.find("eval-untracked").name()).isEqualTo("Eval without tracked stats");
        assertThat(PresetLibrary.find("drifting data: momentum 0.1 vs none").batches().driftPerStep()).isEqualTo(0.02);
    }

    @Test
    void findNamesThePresetsWhenNoneMatches() {
        assertThatThrownBy(() -> PresetLibrary.find("notebook.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no preset \"notebook.json\"; the presets are: notebook (\"Notebook: BatchNorm1d "
                        + "on ones\"), noisy-small-batches (\"Noisy small batches\"), "
                        + "drifting (\"Drifting data: momentum 0.1 vs None\"), "
                        + "eval-untracked (\"Eval without tracked stats\")")
                .satisfies(e -> {
                    for (String id : PresetLibrary.ids()) {
                        assertThat(e.getMessage()).contains(id + " (\"" + PresetLibrary.find(id).name() + "\")");
                    }
                });
        assertThatThrownBy(() -> PresetLibrary.find("")).hasMessageStartingWith("no preset \"\"; the presets are: ");
        assertThatThrownBy(() -> PresetLibrary.find(null)).hasMessageStartingWith("no preset \"\"; the presets are: ");
    }

    @Test
    void theBuiltInListCannotBeChanged() {
        assertThatThrownBy(() -> PresetLibrary.builtIn().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    // ---------------------------------------------------------------- broken libraries

    private static Map<String, String> files(String... pathsAndTexts) throws IOException {
        Map<String, String> files = new HashMap<>();
        try (InputStream in = PresetLibraryTest.class.getResourceAsStream("/presets/notebook.json")) {
            files.put("/presets/notebook.json", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            files.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
        return files;
    }

    @Test
    void aBrokenLibrarySaysWhichFileAndWhatIsWrong() throws IOException {
        assertThatThrownBy(() -> PresetLibrary.load(files()::get))
                .isInstanceOf(IllegalStateException.class).hasMessage("/presets/index.json is not on the class path");
        assertThatThrownBy(() -> PresetLibrary.load(files("/presets/index.json", "{\"a\": 1}")::get))
                .hasMessage("/presets/index.json: expected a non-empty list of preset file names, got {\"a\":1}");
        assertThatThrownBy(() -> PresetLibrary.load(files("/presets/index.json", "[]")::get))
                .hasMessageStartingWith("/presets/index.json: expected a non-empty list");
        assertThatThrownBy(() -> PresetLibrary.load(files("/presets/index.json", "[\"notebook.json\"")::get))
                .hasMessageStartingWith("/presets/index.json: not JSON at line 1");
        assertThatThrownBy(() -> PresetLibrary.load(files("/presets/index.json", "[\"../x.json\"]")::get))
                .hasMessage("/presets/index.json[0]: expected a preset file name such as \"notebook.json\", got \"../x.json\"");
        assertThatThrownBy(() -> PresetLibrary.load(files("/presets/index.json", "[\"notebook.json\", 3]")::get))
                .hasMessageStartingWith("/presets/index.json[1]: expected a preset file name");
        assertThatThrownBy(() -> PresetLibrary.load(files("/presets/index.json", "[\"gone.json\"]")::get))
                .hasMessage("/presets/index.json[0]: /presets/gone.json is not on the class path");
        assertThatThrownBy(() -> PresetLibrary.load(files("/presets/index.json", "[\"bad.json\"]",
                "/presets/bad.json", PresetJsonTest.BASE.replace("\"eps\": 0", "\"eps\": -1"))::get))
                .hasMessage("/presets/bad.json: layer.eps: eps must be a finite number at least 0, got -1.0");
        assertThatThrownBy(() -> PresetLibrary.load(files("/presets/index.json", "[\"notebook.json\", \"copy.json\"]",
                "/presets/copy.json", PresetJsonTest.BASE.replace("\"Base\"", "\"NOTEBOOK: batchnorm1d on ones\""))::get))
                .hasMessage("/presets/copy.json: the id or name \"notebook: batchnorm1d on ones\" is already taken by "
                        + "another preset");
        assertThatThrownBy(() -> PresetLibrary.load(files("/presets/index.json", "[\"notebook.json\", \"notebook.json\"]")
                ::get)).hasMessageContaining("is already taken");
    }

    @Test
    void aLibraryWhoseIdEqualsItsNameLoads() throws IOException {
        List<PresetLibrary.Entry> entries = PresetLibrary.load(files("/presets/index.json", "[\"base.json\"]",
                "/presets/base.json", PresetJsonTest.BASE)::get);
        assertThat(entries).extracting(PresetLibrary.Entry::id).containsExactly("base");
        assertThat(PresetLibrary.find(entries, "BASE").name()).isEqualTo("Base");
        assertThatThrownBy(() -> PresetLibrary.find(entries, "notebook"))
                .hasMessage("no preset \"notebook\"; the presets are: base (\"Base\")");
    }
}
