package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.normscope.batch.BatchSpec;
import org.normscope.batch.ChannelSource;
import org.normscope.engine.Momentum;
import org.normscope.scenario.LayerKind;
import org.normscope.session.LayerConfig;
import org.normscope.session.Session;
import org.normscope.session.SessionSnapshot;

/** The input batches through the main view model: shape, sources, and what is refused beside a field. */
class InputViewModelTest {

    private Vm m;
    private MainViewModel vm;
    private InputViewModel input;

    @BeforeEach
    void open() {
        m = new Vm();
        vm = m.vm;
        input = vm.input();
    }

    @AfterEach
    void close() {
        m.close();
    }

    @Test
    void showsTheNotebooksInput() {
        assertThat(input.batchSize().textProperty().get()).isEqualTo("2");
        assertThat(input.dimCountProperty().get()).isEqualTo(1);
        assertThat(input.dimNameProperty(0).get()).isEqualTo("L");
        assertThat(input.dim(0).textProperty().get()).isEqualTo("1");
        assertThat(input.sourceKindProperty().get()).isEqualTo(SourceKind.CONSTANT);
        assertThat(input.firstNameProperty().get()).isEqualTo("value");
        assertThat(input.secondNameProperty().get()).isEmpty();
        assertThat(input.first().textProperty().get()).isEqualTo("1");
        assertThat(input.channelProperty().get()).isEqualTo(InputViewModel.ALL_CHANNELS);
        // after any change the hint under the shape is there
        Vm.type(input.batchSize(), "3");
        m.settle();
        assertThat(input.shapeTextProperty().get()).isEqualTo("x: (3, 4, 1)  ·  n = 3 values per channel");
    }

    @Test
    void aLanguageSwitchReReadsTheShapeHintAndTheSourceNames() {
        vm.step(2);
        m.settle();
        assertThat(vm.time().rangeTextProperty().get()).isEqualTo("all 2 steps");
        try {
            vm.setLanguage(UiLocale.CHINESE);
            assertThat(input.shapeTextProperty().get()).isEqualTo("x: (2, 4, 1)  ·  每个通道 n = 2 个值");
            assertThat(input.firstNameProperty().get()).isEqualTo("数值");
            assertThat(vm.time().rangeTextProperty().get()).isEqualTo("全部 2 步");
        } finally {
            vm.setLanguage(UiLocale.ENGLISH);
        }
        assertThat(input.shapeTextProperty().get()).isEqualTo("x: (2, 4, 1)  ·  n = 2 values per channel");
        assertThat(input.firstNameProperty().get()).isEqualTo("value");
        assertThat(vm.time().rangeTextProperty().get()).isEqualTo("all 2 steps");
    }

    @Test
    void showsTheShapeHintFromTheStart() {
        assertThat(input.shapeTextProperty().get()).isEqualTo("x: (2, 4, 1)  ·  n = 2 values per channel");
    }

    @Test
    void aBlankLMakesAnNByCInput() {
        assertThat(Vm.type(input.dim(0), "")).isTrue();
        m.settle();
        assertThat(m.snap().batches().shape()).containsExactly(2, 4);
        assertThat(input.dim(0).textProperty().get()).isEmpty();
        vm.step(4);
        m.settle();
        Vm.assertAll(m.snap().runningMean(), 0.7599f, 1e-4);
        assertThat(m.last(ConsoleViewModel.Kind.STEP)).contains("torch.Size([2, 4])");
    }

    @Test
    void switchingTheSourceKindKeepsTheMean() {
        input.sourceKindProperty().set(SourceKind.NORMAL);
        assertThat(input.firstNameProperty().get()).isEqualTo("mean");
        assertThat(input.secondNameProperty().get()).isEqualTo("std");
        assertThat(input.first().getValue()).isEqualTo(1.0);
        assertThat(input.second().getValue()).isEqualTo(1.0); // a constant has no spread: std 1
        m.settle();
        for (ChannelSource s : m.snap().batches().sources()) {
            assertThat(s).isEqualTo(new ChannelSource.Normal(1, 1));
        }
        input.sourceKindProperty().set(SourceKind.UNIFORM);
        assertThat(input.firstNameProperty().get()).isEqualTo("a");
        assertThat(input.secondNameProperty().get()).isEqualTo("b");
        m.settle();
        for (ChannelSource s : m.snap().batches().sources()) {
            assertThat(s).isInstanceOf(ChannelSource.Uniform.class);
            assertThat(s.mean()).isCloseTo(1.0, within(1e-12));
            assertThat(s.variance()).isCloseTo(1.0, within(1e-12));
        }
        input.sourceKindProperty().set(SourceKind.CONSTANT);
        m.settle();
        for (ChannelSource s : m.snap().batches().sources()) {
            assertThat(s.mean()).isCloseTo(1.0, within(1e-12));
            assertThat(s).isInstanceOf(ChannelSource.Constant.class);
        }
        assertThat(input.secondNameProperty().get()).isEmpty();
    }

    @Test
    void oneChannelsSourceCanBeEditedAlone() {
        input.channelProperty().set(2);
        input.sourceKindProperty().set(SourceKind.NORMAL);
        assertThat(Vm.type(input.first(), "5")).isTrue();
        assertThat(Vm.type(input.second(), "0.5")).isTrue();
        m.settle();
        List<ChannelSource> sources = m.snap().batches().sources();
        assertThat(sources.get(2)).isEqualTo(new ChannelSource.Normal(5, 0.5));
        assertThat(sources.get(0)).isEqualTo(new ChannelSource.Constant(1));
        assertThat(sources.get(3)).isEqualTo(new ChannelSource.Constant(1));
        // choosing another channel shows its source, and sends nothing
        long version = m.snap().version();
        input.channelProperty().set(0);
        assertThat(input.sourceKindProperty().get()).isEqualTo(SourceKind.CONSTANT);
        assertThat(input.first().getValue()).isEqualTo(1.0);
        input.channelProperty().set(2);
        assertThat(input.sourceKindProperty().get()).isEqualTo(SourceKind.NORMAL);
        assertThat(input.first().getValue()).isEqualTo(5.0);
        m.settle();
        assertThat(m.snap().version()).isEqualTo(version);
        // a new C with fewer channels goes back to all channels
        Vm.type(vm.layer().numFeatures(), "2");
        m.settle();
        assertThat(input.channelProperty().get()).isEqualTo(InputViewModel.ALL_CHANNELS);
    }

    @Test
    void aNegativeStdIsRefusedBesideTheField() {
        input.sourceKindProperty().set(SourceKind.NORMAL);
        m.settle();
        SessionSnapshot before = m.snap();
        assertThat(Vm.type(input.second(), "-1")).isFalse();
        assertThat(input.second().getError()).contains("std must be at least 0");
        assertThat(input.first().getError()).isEmpty();
        m.settle();
        assertThat(m.snap().version()).isEqualTo(before.version());
        assertThat(m.snap().batches()).isEqualTo(before.batches());
        // fixed: applies
        assertThat(Vm.type(input.second(), "2")).isTrue();
        assertThat(input.second().getError()).isEmpty();
        m.settle();
        assertThat(m.snap().batches().sources().get(0)).isEqualTo(new ChannelSource.Normal(1, 2));
    }

    @Test
    void aRefusedStdStaysTheStdsFaultWhenTheMeanIsEditedNext() {
        input.sourceKindProperty().set(SourceKind.NORMAL);
        m.settle();
        SessionSnapshot before = m.snap();
        Vm.type(input.second(), "-1");
        input.first().textProperty().set("3");
        input.first().commit();
        assertThat(input.first().getError()).isEmpty();
        assertThat(input.second().getError()).contains("std must be at least 0");
        m.settle();
        assertThat(m.snap().batches()).isEqualTo(before.batches());
    }

    @Test
    void uniformWithAAboveBIsRefused() {
        input.sourceKindProperty().set(SourceKind.UNIFORM);
        m.settle();
        SessionSnapshot before = m.snap();
        assertThat(Vm.type(input.first(), "5")).isFalse();
        assertThat(input.first().getError()).contains("a must not be above b");
        m.settle();
        assertThat(m.snap().batches()).isEqualTo(before.batches());
        assertThat(m.snap().version()).isEqualTo(before.version());
        // b above a makes the pair good
        assertThat(Vm.type(input.second(), "6")).isTrue();
        m.settle();
        assertThat(m.snap().batches().sources().get(0)).isEqualTo(new ChannelSource.Uniform(5, 6));
    }

    @Test
    void aBadNumberIsRefusedAsTyped() {
        for (ValidatedField<?> f : List.of(input.batchSize(), input.dim(0), input.first(), input.drift(),
                input.seed())) {
            assertThat(Vm.type(f, "x")).isFalse();
            assertThat(f.getError()).contains("\u201cx\u201d is not");
        }
        assertThat(Vm.type(input.batchSize(), "0")).isFalse();
        assertThat(input.batchSize().getError()).isEqualTo("N must be from 1 to 65536, not 0");
        assertThat(Vm.type(input.batchSize(), "65537")).isFalse();
        m.settle();
        assertThat(m.snap().batches()).isEqualTo(org.normscope.preset.PresetLibrary.first().batches());
    }

    @Test
    void driftSeedAndSameBatchApply() {
        assertThat(Vm.type(input.drift(), "0.5")).isTrue();
        assertThat(Vm.type(input.seed(), "42")).isTrue();
        input.freshEachStepProperty().set(false);
        m.settle();
        BatchSpec b = m.snap().batches();
        assertThat(b.driftPerStep()).isEqualTo(0.5);
        assertThat(b.seed()).isEqualTo(42);
        assertThat(b.freshEachStep()).isFalse();
        vm.step(3);
        m.settle();
        // step 3's batch has mean 1 + 2·0.5
        assertThat(m.snap().batchMean()).containsExactly(2f, 2f, 2f, 2f);
    }

    @Test
    void aBatchTooLargeIsRefusedWithAMessageAndNothingIsSent() {
        Vm.type(vm.layer().numFeatures(), "64");
        m.settle();
        vm.layer().kindProperty().set(LayerKind.BATCH_NORM_2D);
        m.settle();
        assertThat(Vm.type(input.dim(0), "64")).isTrue();
        assertThat(Vm.type(input.dim(1), "64")).isTrue();
        m.settle();
        SessionSnapshot before = m.snap();
        assertThat(before.batches().shape()).containsExactly(2, 64, 64, 64);

        assertThat(Vm.type(input.batchSize(), "65536")).isFalse();
        assertThat(input.batchSize().getError()).contains("too large").contains("17179869184");
        m.settle();
        assertThat(m.snap().version()).isEqualTo(before.version());
        assertThat(m.snap().batches()).isEqualTo(before.batches());
        assertThat(input.spec()).isEqualTo(before.batches());
        assertThat(input.shapeTextProperty().get()).startsWith("x: (2, 64, 64, 64)");
    }

    @Test
    void aBatchTooLargeSendsNoCommand() {
        List<Consumer<Session>> sent = new ArrayList<>();
        InputViewModel alone = new InputViewModel(sent::add);
        LayerConfig big = new LayerConfig(LayerKind.BATCH_NORM_2D, 64, 1e-5, Momentum.DEFAULT, true, true);
        Session session = new Session(big, BatchSpec.ones(64).withSpatial(new int[] {64, 64}), null);
        alone.show(session.snapshot());
        assertThat(sent).isEmpty();
        assertThat(alone.dimCountProperty().get()).isEqualTo(2);
        assertThat(Vm.type(alone.batchSize(), "65536")).isFalse();
        assertThat(alone.batchSize().getError()).contains("too large");
        assertThat(sent).isEmpty();
        assertThat(Vm.type(alone.batchSize(), "4")).isTrue();
        assertThat(alone.batchSize().getError()).isEmpty();
        assertThat(sent).hasSize(1);
        sent.get(0).accept(session);
        assertThat(session.batches().batchSize()).isEqualTo(4);
    }

    @Test
    void outlierBatchIsQueued() {
        input.outlierBatch();
        m.settle();
        assertThat(m.snap().outlierQueued()).isTrue();
        vm.step();
        m.settle();
        // ones shifted by ten standard deviations (a constant has none: by 10)
        assertThat(m.snap().batchMean()).containsExactly(11f, 11f, 11f, 11f);
        vm.step();
        m.settle();
        assertThat(m.snap().batchMean()).containsExactly(1f, 1f, 1f, 1f);
    }
}
