package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.normscope.engine.Momentum;
import org.normscope.scenario.LayerKind;
import org.normscope.session.LayerConfig;
import org.normscope.session.Session;
import org.normscope.session.SessionSnapshot;

/** The layer's settings through the main view model: what applies at once, what rebuilds, what is refused. */
class LayerViewModelTest {

    private Vm m;
    private MainViewModel vm;
    private LayerViewModel layer;

    @BeforeEach
    void open() {
        m = new Vm();
        vm = m.vm;
        layer = vm.layer();
    }

    @AfterEach
    void close() {
        m.close();
    }

    @ParameterizedTest(name = "eps \"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "abc   | not a number",
        "-1    | eps must be at least 0",
        "''    | eps is empty",
        "1e400 | eps must be a finite number",
        "1e-5f | not a number",
        "nan   | not a number"})
    void aBadEpsIsRefusedBesideTheFieldAndChangesNothing(String text, String message) {
        vm.step(2);
        m.settle();
        SessionSnapshot before = m.snap();
        int consoleBefore = vm.console().entries().size();

        assertThat(Vm.type(layer.eps(), text)).isFalse();
        assertThat(layer.eps().getError()).isNotEmpty().contains(message);
        assertThat(layer.eps().isValid()).isFalse();
        assertThat(layer.eps().getValue()).isEqualTo(0.0);
        assertThat(layer.eps().textProperty().get()).isEqualTo(text);
        m.settle();
        SessionSnapshot after = m.snap();
        assertThat(after.layer().eps()).isEqualTo(0.0);
        assertThat(after.layer()).isEqualTo(before.layer());
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after.step()).isEqualTo(2);
        assertThat(after.history().steps()).isEqualTo(before.history().steps());
        assertThat(vm.console().entries()).hasSize(consoleBefore);
        // the typed text stays for the user to fix
        assertThat(layer.eps().textProperty().get()).isEqualTo(text);

        // the next step still uses eps 0: the notebook's numbers go on
        vm.step(2);
        m.settle();
        Vm.assertAll(m.snap().runningMean(), 0.7599f, 1e-4);
    }

    @Test
    void theErrorIsCheckedAsTypedAndClearedByAGoodValue() {
        layer.eps().textProperty().set("1e-");
        assertThat(layer.eps().getError()).contains("not a number");
        layer.eps().textProperty().set("1e-3");
        assertThat(layer.eps().getError()).isEmpty();
        // typed but not committed: nothing applied yet
        m.settle();
        assertThat(m.snap().layer().eps()).isEqualTo(0.0);
        assertThat(layer.eps().problemWith("x")).contains("not a number");
        assertThat(layer.eps().problemWith("0.5")).isEmpty();
    }

    @Test
    void aGoodEpsAppliesFromTheNextStepWithoutANewLayer() {
        vm.step(3);
        m.settle();
        assertThat(Vm.type(layer.eps(), "0.001")).isTrue();
        assertThat(layer.eps().getError()).isEmpty();
        m.settle();
        SessionSnapshot s = m.snap();
        assertThat(s.layer().eps()).isEqualTo(0.001);
        assertThat(s.step()).isEqualTo(3);
        assertThat(s.numBatchesTracked()).isEqualTo(3);
        Vm.assertAll(s.runningMean(), 0.657f, 1e-5);
        assertThat(s.history().steps()).isEqualTo(3);
        assertThat(m.last(ConsoleViewModel.Kind.NOTICE)).contains(">>> layer.eps = 0.001");
        assertThat(layer.eps().textProperty().get()).isEqualTo("0.001");
        // committing the same value again sends nothing
        long version = s.version();
        assertThat(Vm.type(layer.eps(), "1e-3")).isTrue();
        m.settle();
        assertThat(m.snap().version()).isEqualTo(version);
    }

    @Test
    void momentumNoneIsACumulativeAverage() {
        layer.momentumNoneProperty().set(true);
        m.settle();
        assertThat(m.snap().layer().momentum()).isEqualTo(Momentum.CUMULATIVE);
        assertThat(m.snap().layer().momentum().isCumulative()).isTrue();
        assertThat(m.last(ConsoleViewModel.Kind.NOTICE)).contains(">>> layer.momentum = None");
        vm.step();
        m.settle();
        assertThat(vm.status().factorProperty().get()).contains("1/1").contains("momentum=None");
        vm.step(2);
        m.settle();
        assertThat(vm.status().factorProperty().get()).isEqualTo("factor = 1/3 = 0.33333334 (momentum=None)");
        // a cumulative average of ones is one
        Vm.assertAll(m.snap().runningMean(), 1f, 1e-6);
        assertThat(m.steps()).isEqualTo(3);

        layer.momentumNoneProperty().set(false);
        m.settle();
        assertThat(m.snap().layer().momentum()).isEqualTo(Momentum.of(0.3));
        vm.step();
        m.settle();
        assertThat(vm.status().factorProperty().get()).isEqualTo("factor = momentum = 0.3");
        assertThat(m.steps()).isEqualTo(4);
    }

    @Test
    void aPresetWithMomentumNoneTicksTheBox() {
        vm.load(Vm.preset("drifting"));
        m.settle();
        assertThat(layer.momentumNoneProperty().get()).isFalse();
        assertThat(layer.momentum().textProperty().get()).isEqualTo("0.1");
        layer.momentumNoneProperty().set(true);
        m.settle();
        layer.momentumNoneProperty().set(false);
        m.settle();
        assertThat(m.snap().layer().momentum()).isEqualTo(Momentum.of(0.1));
    }

    @Test
    void momentumOutsideZeroToOneIsRefused() {
        vm.step();
        m.settle();
        SessionSnapshot before = m.snap();
        for (String bad : new String[] {"1.5", "-0.1", "x", ""}) {
            assertThat(Vm.type(layer.momentum(), bad)).as(bad).isFalse();
            assertThat(layer.momentum().getError()).as(bad).isNotEmpty();
        }
        Vm.type(layer.momentum(), "1.5");
        assertThat(layer.momentum().getError()).contains("momentum must be from 0 to 1");
        m.settle();
        assertThat(m.snap().layer().momentum()).isEqualTo(Momentum.of(0.3));
        assertThat(m.snap().version()).isEqualTo(before.version());

        assertThat(Vm.type(layer.momentum(), "1")).isTrue();
        m.settle();
        assertThat(m.snap().layer().momentum()).isEqualTo(Momentum.of(1.0));
        assertThat(m.steps()).isEqualTo(1);
        vm.step();
        m.settle();
        Vm.assertAll(m.snap().runningMean(), 1f, 0);
    }

    @Test
    void uncheckingNoneWithABadMomentumKeepsTheBoxAndTheLayerAgreeing() {
        Vm.type(layer.momentum(), "abc");
        layer.momentumNoneProperty().set(true);
        m.settle();
        assertThat(m.snap().layer().momentum().isCumulative()).isTrue();
        layer.momentumNoneProperty().set(false);
        m.settle();
        assertThat(layer.momentumNoneProperty().get())
                .as("the None box shows the layer's momentum (%s)", m.snap().layer().momentum())
                .isEqualTo(m.snap().layer().momentum().isCumulative());
    }

    @Test
    void changingCBuildsANewLayer() {
        vm.step(3);
        m.settle();
        assertThat(Vm.type(layer.numFeatures(), "6")).isTrue();
        m.settle();
        SessionSnapshot s = m.snap();
        assertThat(s.layer().numFeatures()).isEqualTo(6);
        assertThat(s.step()).isZero();
        assertThat(vm.stepCountProperty().get()).isZero();
        assertThat(s.numBatchesTracked()).isZero();
        assertThat(s.history().steps()).isZero();
        assertThat(vm.bannerProperty().get()).contains("start again").contains("BatchNorm1d(6");
        assertThat(vm.bannerIsErrorProperty().get()).isFalse();
        assertThat(layer.parameters()).hasSize(6);
        for (int c = 0; c < 6; c++) {
            assertThat(layer.parameters().get(c).channel()).isEqualTo(c);
            assertThat(layer.parameters().get(c).weight().getValue()).isEqualTo(1f);
            assertThat(layer.parameters().get(c).bias().getValue()).isEqualTo(0f);
        }
        assertThat(s.batches().channels()).isEqualTo(6);
        assertThat(vm.input().spec().channels()).isEqualTo(6);
        assertThat(vm.input().shapeTextProperty().get()).startsWith("x: (2, 6, 1)");
        assertThat(vm.charts().channels()).isEqualTo(6);
        assertThat(s.runningMean()).hasSize(6);
        // eps and momentum carry over
        assertThat(s.layer().eps()).isEqualTo(0.0);
        assertThat(s.layer().momentum()).isEqualTo(Momentum.of(0.3));
        vm.step(4);
        m.settle();
        Vm.assertAll(m.snap().runningMean(), 0.7599f, 1e-4);
        assertThat(m.snap().runningMean()).hasSize(6);
    }

    @Test
    void aBadCIsRefused() {
        for (String bad : new String[] {"0", "65", "-3", "four", "", "2.5"}) {
            assertThat(Vm.type(layer.numFeatures(), bad)).as(bad).isFalse();
            assertThat(layer.numFeatures().getError()).as(bad).isNotEmpty();
        }
        Vm.type(layer.numFeatures(), "65");
        assertThat(layer.numFeatures().getError()).isEqualTo("num_features must be from 1 to 64, not 65");
        m.settle();
        assertThat(m.snap().layer().numFeatures()).isEqualTo(4);
        assertThat(layer.parameters()).hasSize(4);
        assertThat(Vm.type(layer.numFeatures(), "64")).isTrue();
        m.settle();
        assertThat(layer.parameters()).hasSize(64);
        assertThat(vm.charts().heatMapProperty().get()).isTrue();
    }

    @Test
    void kindChangesTheInputSizes() {
        layer.kindProperty().set(LayerKind.BATCH_NORM_2D);
        m.settle();
        SessionSnapshot s = m.snap();
        assertThat(s.layer().kind()).isEqualTo(LayerKind.BATCH_NORM_2D);
        assertThat(s.step()).isZero();
        assertThat(s.batches().spatial()).containsExactly(Session.defaultSpatial(LayerKind.BATCH_NORM_2D));
        InputViewModel input = vm.input();
        assertThat(input.dimCountProperty().get()).isEqualTo(2);
        assertThat(input.dimNameProperty(0).get()).isEqualTo("H");
        assertThat(input.dimNameProperty(1).get()).isEqualTo("W");
        assertThat(input.dim(0).textProperty().get()).isEqualTo("4");
        assertThat(input.dim(1).textProperty().get()).isEqualTo("4");
        assertThat(input.shapeTextProperty().get()).startsWith("x: (2, 4, 4, 4)");
        assertThat(vm.bannerProperty().get()).contains("BatchNorm2d");
        // a blank H is not (N, C): only BatchNorm1d goes without L
        assertThat(Vm.type(input.dim(0), "")).isFalse();
        assertThat(input.dim(0).getError()).contains("H is empty");
        vm.step();
        m.settle();
        assertThat(m.steps()).isEqualTo(1);
        assertThat(m.last(ConsoleViewModel.Kind.STEP)).contains("torch.Size([2, 4, 4, 4])");

        layer.kindProperty().set(LayerKind.BATCH_NORM_3D);
        m.settle();
        assertThat(input.dimCountProperty().get()).isEqualTo(3);
        assertThat(List.of(input.dimNameProperty(0).get(), input.dimNameProperty(1).get(),
                input.dimNameProperty(2).get())).containsExactly("D", "H", "W");
        assertThat(m.snap().batches().spatial()).hasSize(3);

        layer.kindProperty().set(LayerKind.BATCH_NORM_1D);
        m.settle();
        assertThat(input.dimCountProperty().get()).isEqualTo(1);
        assertThat(input.dimNameProperty(0).get()).isEqualTo("L");
        assertThat(m.snap().batches().spatial()).hasSize(1);
    }

    @Test
    void affineOffHasNoParameters() {
        layer.affineProperty().set(false);
        m.settle();
        assertThat(layer.parameters()).isEmpty();
        assertThat(m.snap().weight()).isNull();
        assertThat(m.snap().bias()).isNull();
        assertThat(m.snap().layer().affine()).isFalse();
        assertThat(vm.bannerProperty().get()).contains("affine=False");
        vm.step();
        m.settle();
        assertThat(m.last(ConsoleViewModel.Kind.STEP)).doesNotContain("grad_fn");
        layer.affineProperty().set(true);
        m.settle();
        assertThat(layer.parameters()).hasSize(4);
        assertThat(m.snap().weight()).containsExactly(1f, 1f, 1f, 1f);
    }

    @Test
    void trackRunningStatsOffHasNoRunningStats() {
        layer.trackRunningStatsProperty().set(false);
        m.settle();
        assertThat(m.snap().runningMean()).isNull();
        assertThat(vm.status().batchesTrackedProperty().get()).contains("None");
        vm.step();
        m.settle();
        assertThat(m.steps()).isEqualTo(1);
        assertThat(m.last(ConsoleViewModel.Kind.STEP)).contains("running_mean = None");
    }

    @Test
    void weightAndBiasEditsScaleAndShiftTheOutput() {
        vm.step(4);
        vm.layer().eval();
        m.settle();
        ParameterRow one = layer.parameters().get(1);
        assertThat(one.channel()).isEqualTo(1);
        assertThat(one.weight().textProperty().get()).isEqualTo("1");
        assertThat(Vm.type(one.weight(), "2")).isTrue();
        assertThat(Vm.type(layer.parameters().get(2).bias(), "0.5")).isTrue();
        m.settle();
        SessionSnapshot s = m.snap();
        assertThat(s.weight()).containsExactly(1f, 2f, 1f, 1f);
        assertThat(s.bias()).containsExactly(0f, 0f, 0.5f, 0f);
        assertThat(s.step()).isEqualTo(4);
        assertThat(m.last(ConsoleViewModel.Kind.NOTICE)).contains(">>> layer.bias.data[2] = 0.5");
        // the same rows are kept: an edit is no new layer
        assertThat(layer.parameters().get(1)).isSameAs(one);
        vm.step();
        m.settle();
        // y = weight·(1 − 0.7599)/√0.2401 + bias = weight·0.49 + bias
        assertThat(m.last(ConsoleViewModel.Kind.STEP))
                .contains("[[0.4900],\n         [0.9800],\n         [0.9900],\n         [0.4900]]");
        float[] yMean = new float[4];
        for (int c = 0; c < 4; c++) {
            yMean[c] = (float) m.snap().outputHistograms().get(c).mean();
        }
        assertThat(yMean[1]).isCloseTo(0.98f, org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void aBadWeightIsRefused() {
        ParameterRow zero = layer.parameters().get(0);
        assertThat(Vm.type(zero.weight(), "1e39")).isFalse();
        assertThat(zero.weight().getError()).contains("float32");
        assertThat(Vm.type(zero.bias(), "b")).isFalse();
        assertThat(zero.bias().getError()).contains("not a number");
        m.settle();
        assertThat(m.snap().weight()).containsExactly(1f, 1f, 1f, 1f);
        assertThat(m.snap().bias()).containsExactly(0f, 0f, 0f, 0f);
    }

    @Test
    void showingASnapshotSendsNothingBack() {
        List<Consumer<Session>> sent = new ArrayList<>();
        LayerViewModel alone = new LayerViewModel(sent::add);
        Session session = new Session(LayerConfig.notebook().withNumFeatures(3).withKind(LayerKind.BATCH_NORM_2D)
                .withMomentum(Momentum.CUMULATIVE).withAffine(true), org.normscope.batch.BatchSpec.ones(3)
                .withSpatial(new int[] {2, 2}), null);
        session.setTraining(false);
        alone.show(session.snapshot());
        assertThat(sent).isEmpty();
        assertThat(alone.kindProperty().get()).isEqualTo(LayerKind.BATCH_NORM_2D);
        assertThat(alone.numFeatures().getValue()).isEqualTo(3);
        assertThat(alone.momentumNoneProperty().get()).isTrue();
        assertThat(alone.trainingProperty().get()).isFalse();
        assertThat(alone.parameters()).hasSize(3);
        // a user's change is sent
        alone.trainingProperty().set(true);
        assertThat(sent).hasSize(1);
        Vm.type(alone.eps(), "0.25");
        assertThat(sent).hasSize(2);
        sent.get(1).accept(session);
        assertThat(session.config().eps()).isEqualTo(0.25);
    }

    @Test
    void aComparisonLayerComesAndGoesWithTheCompareField() {
        assertThat(layer.compare().textProperty().get()).isEmpty();
        assertThat(Vm.type(layer.compare(), "None")).isTrue();
        vm.step(3);
        m.settle();
        SessionSnapshot s = m.snap();
        assertThat(s.compareMomentum()).isEqualTo(Momentum.CUMULATIVE);
        // on torch.ones the cumulative average of batch means 1 is 1 after the first step
        Vm.assertAll(s.compareRunningMean(), 1f, 0);
        assertThat(Vm.type(layer.compare(), "0.5")).isTrue();
        m.settle();
        assertThat(m.snap().compareMomentum()).isEqualTo(Momentum.of(0.5));
        assertThat(Vm.type(layer.compare(), "")).isTrue();
        m.settle();
        assertThat(m.snap().compareMomentum()).isNull();
        assertThat(m.snap().compareRunningMean()).isNull();
    }

    @Test
    void aBadCompareMomentumIsRefusedBesideTheField() {
        assertThat(Vm.type(layer.compare(), "2")).isFalse();
        assertThat(layer.compare().getError()).contains("momentum must be from 0 to 1");
        assertThat(Vm.type(layer.compare(), "fast")).isFalse();
        assertThat(layer.compare().getError()).contains("None, a number from 0 to 1, or nothing");
        m.settle();
        assertThat(m.snap().compareMomentum()).isNull();
    }

    @Test
    void theDriftingPresetShowsItsComparisonInTheField() {
        vm.load(vm.presets().stream().filter(p -> p.compareMomentum() != null).findFirst().orElseThrow());
        m.settle();
        assertThat(layer.compare().textProperty().get()).isEqualTo("None");
    }
}
