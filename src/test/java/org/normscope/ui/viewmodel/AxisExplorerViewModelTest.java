package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.normscope.axes.NormRule;
import org.normscope.engine.Tensor;
import org.normscope.print.NumberText;

/** The axis explorer's rules, without a screen and without the session's thread. */
class AxisExplorerViewModelTest {

    private Locale before;
    private CompletableFuture<Tensor> answer = new CompletableFuture<>();
    private int asked;

    private final AxisExplorerViewModel.BatchAsker asker = () -> {
        asked++;
        answer = new CompletableFuture<>();
        return answer;
    };

    @BeforeEach
    void english() {
        before = UiLocale.current();
        UiLocale.set(UiLocale.ENGLISH);
    }

    @AfterEach
    void restore() {
        UiLocale.set(before);
    }

    @Test
    void batchNorm2dOnTheExampleImagesAveragesEachChannelOverNHW() {
        AxisExplorerViewModel vm = new AxisExplorerViewModel(asker);
        assertThat(vm.sourceProperty().get()).isEqualTo(AxisExplorerViewModel.Source.EXAMPLE_NCHW);
        assertThat(vm.captionProperty().get())
                .isEqualTo("BatchNorm2d: one mean and variance per channel, over N\u00b7H\u00b7W = 2\u00b73\u00b73 = 18 values");
        assertThat(vm.shapeProperty().get()).isEqualTo("Input x: torch.Size([2, 4, 3, 3])");
        vm.hover(1, 2, 4);
        assertThat(vm.highlightedSetProperty().get()).isEqualTo(2);
        assertThat(vm.cellProperty().get()).startsWith("Under the pointer: x[1, 2, 1, 1] = ");
        assertThat(vm.setProperty().get()).isEqualTo("Its set: x[:, 2, :, :], 18 values (one of 4 sets, each outlined)");
        // the engine's mean and biased variance of channel 2, formatted as the Explain pane formats results
        float[] x = vm.pictureProperty().get().batch().data();
        double sum = 0;
        for (int n = 0; n < 2; n++) {
            for (int p = 0; p < 9; p++) {
                sum += x[(n * 4 + 2) * 9 + p];
            }
        }
        double mean = sum / 18;
        double sq = 0;
        for (int n = 0; n < 2; n++) {
            for (int p = 0; p < 9; p++) {
                sq += Math.pow(x[(n * 4 + 2) * 9 + p] - mean, 2);
            }
        }
        assertThat(vm.statsProperty().get()).startsWith("mean = " + NumberText.result(mean) + "     variance = "
                + NumberText.result(sq / 18) + "  (biased");
        assertThat(vm.refusalProperty().get()).isEmpty();
        assertThat(vm.shownProperty().get()).isEmpty();
    }

    @Test
    void switchingTheTypeRedrawsTheSets() {
        AxisExplorerViewModel vm = new AxisExplorerViewModel(asker);
        vm.hover(1, 3, 0);
        vm.typeProperty().set(NormRule.Type.INSTANCE);
        assertThat(vm.pictureProperty().get().sets().rule()).isEqualTo(NormRule.instance());
        assertThat(vm.highlightedSetProperty().get()).isEqualTo(7);
        assertThat(vm.captionProperty().get()).isEqualTo(
                "InstanceNorm2d: one mean and variance per sample and channel, over H\u00b7W = 3\u00b73 = 9 values");
        vm.typeProperty().set(NormRule.Type.GROUP);
        assertThat(vm.groupChoices()).containsExactly(1, 2, 4);
        assertThat(vm.groupsProperty().get()).isEqualTo(2);
        assertThat(vm.captionProperty().get()).isEqualTo("GroupNorm(2, 4): one mean and variance per sample and group"
                + " of 2 channels, over C/G\u00b7H\u00b7W = 2\u00b73\u00b73 = 18 values");
        assertThat(vm.setProperty().get()).startsWith("Its set: x[1, 2:4, :, :], 18 values");
        vm.groupsProperty().set(4);
        assertThat(vm.highlightedSetProperty().get()).isEqualTo(7);
        vm.typeProperty().set(NormRule.Type.LAYER);
        assertThat(vm.layerDimChoices()).containsExactly(1, 2, 3);
        assertThat(vm.layerDimsProperty().get()).isEqualTo(3);
        assertThat(vm.layerDimLabel(2)).isEqualTo("[3, 3]  (H, W)");
        assertThat(vm.captionProperty().get()).isEqualTo("LayerNorm([4, 3, 3]): one mean and variance per sample,"
                + " over C\u00b7H\u00b7W = 4\u00b73\u00b73 = 36 values");
        vm.layerDimsProperty().set(1);
        assertThat(vm.captionProperty().get()).isEqualTo(
                "LayerNorm([3]): one mean and variance per index of (N, C, H), over W = 3 values");
    }

    @Test
    void instanceNormOnNCIsRefusedWithPyTorchsMessageAndSaysWhy() {
        AxisExplorerViewModel vm = new AxisExplorerViewModel(asker);
        vm.sourceProperty().set(AxisExplorerViewModel.Source.EXAMPLE_NC);
        assertThat(vm.captionProperty().get())
                .isEqualTo("BatchNorm1d: one mean and variance per channel, over N = 6 values");
        vm.typeProperty().set(NormRule.Type.INSTANCE);
        assertThat(vm.refusalProperty().get()).isEqualTo(
                "ValueError: Expected more than 1 spatial element when training, got input size torch.Size([6, 4, 1])");
        assertThat(vm.refusalWhyProperty().get()).contains("single value").contains("(N, C, 1)");
        assertThat(vm.statsProperty().get()).isEmpty();
        assertThat(vm.setProperty().get()).isEqualTo("Its set: x[0, 0], a single value (one of 24 sets)");
        assertThat(vm.captionProperty().get())
                .isEqualTo("InstanceNorm1d: one mean and variance per sample and channel, over a single value");
        vm.typeProperty().set(NormRule.Type.BATCH);
        assertThat(vm.refusalProperty().get()).isEmpty();
        assertThat(vm.refusalWhyProperty().get()).isEmpty();
    }

    @Test
    void theSessionsBatchIsAskedTakenInPullAndFollowedWhileOpen() {
        AxisExplorerViewModel vm = new AxisExplorerViewModel(asker);
        vm.open("BatchNorm1d");
        assertThat(asked).isEqualTo(1);
        vm.pull(); // not answered yet: the example stays
        assertThat(vm.shapeProperty().get()).contains("[2, 4, 3, 3]");
        answer.complete(null);
        vm.pull();
        assertThat(vm.pictureProperty().get()).isNull();
        assertThat(vm.messageProperty().get()).startsWith("The session has run no step yet");
        vm.show(1);
        assertThat(asked).isEqualTo(2);
        answer.complete(new Tensor(new int[] {40, 20, 100}, new float[40 * 20 * 100]));
        vm.pull();
        assertThat(vm.messageProperty().get()).isEmpty();
        assertThat(vm.shownProperty().get()).isEqualTo(
                "Shown: samples 0\u201315 of 40, channels 0\u201315 of 20, positions 0\u201363 of 100");
        AxisExplorerViewModel.Picture pic = vm.pictureProperty().get();
        assertThat(new int[] {pic.shownSamples(), pic.shownChannels(), pic.shownPositions()}).containsExactly(16, 16, 64);
        vm.hover(16, 0, 0); // outside what is drawn: ignored
        assertThat(vm.hoveredProperty().get()).isEqualTo(new AxisExplorerViewModel.Cell(0, 0, 0));
        vm.show(1);
        assertThat(asked).isEqualTo(2); // the same step: nothing asked
        vm.close();
        vm.show(2);
        assertThat(asked).isEqualTo(2);
    }

    @Test
    void aGroupCountThatNoLongerDividesCIsReplaced() {
        AxisExplorerViewModel vm = new AxisExplorerViewModel(asker);
        vm.typeProperty().set(NormRule.Type.GROUP);
        vm.groupsProperty().set(4);
        vm.open("GroupNorm");
        answer.complete(new Tensor(new int[] {2, 3, 5}, new float[30]));
        vm.pull();
        assertThat(vm.groupChoices()).containsExactly(1, 3);
        assertThat(vm.groupsProperty().get()).isEqualTo(1);
        assertThat(vm.captionProperty().get()).startsWith("GroupNorm(1, 3): ");
    }

    @Test
    void theColourScaleIsSymmetricAboutZeroWhenBothSignsAreThere() {
        AxisExplorerViewModel.ColourScale both = AxisExplorerViewModel.ColourScale.of(new float[] {-1f, 3f});
        assertThat(both).isEqualTo(new AxisExplorerViewModel.ColourScale(-3, 0, 3));
        assertThat(both.t(0)).isEqualTo(0.5);
        assertThat(both.t(-3)).isEqualTo(0);
        assertThat(both.t(9)).isEqualTo(1);
        AxisExplorerViewModel.ColourScale positive = AxisExplorerViewModel.ColourScale.of(new float[] {2f, 4f});
        assertThat(positive).isEqualTo(new AxisExplorerViewModel.ColourScale(2, 3, 4));
        assertThat(AxisExplorerViewModel.ColourScale.of(new float[] {5f, 5f}).t(5)).isEqualTo(0.5);
    }

    @Test
    void chineseTextsComeFromTheChineseBundle() {
        UiLocale.set(UiLocale.CHINESE);
        AxisExplorerViewModel vm = new AxisExplorerViewModel(asker);
        assertThat(vm.captionProperty().get())
                .isEqualTo("BatchNorm2d：每个通道一个均值和方差，取自 N\u00b7H\u00b7W = 2\u00b73\u00b73 = 18 个数值");
    }

    @Test
    void relabelMakesEveryTextAgainInTheNewLanguage() {
        AxisExplorerViewModel vm = new AxisExplorerViewModel(asker);
        vm.hover(1, 2, 4);
        UiLocale.set(UiLocale.CHINESE);
        vm.relabel();
        assertThat(vm.captionProperty().get()).startsWith("BatchNorm2d：每个通道");
        assertThat(vm.setProperty().get()).startsWith("它所在的集合：x[:, 2, :, :]");
        assertThat(vm.shapeProperty().get()).isEqualTo("输入 x：torch.Size([2, 4, 3, 3])");
        assertThat(vm.hoveredProperty().get()).isEqualTo(new AxisExplorerViewModel.Cell(1, 2, 4));
    }

    @Test
    void whilePlayingOneQuestionIsAskedAtATime() {
        AxisExplorerViewModel vm = new AxisExplorerViewModel(asker);
        vm.open("BatchNorm2d");
        assertThat(asked).isEqualTo(1);
        vm.show(1);
        vm.show(2);
        vm.show(3);
        assertThat(asked).isEqualTo(1); // the first answer is still on its way
        answer.complete(new Tensor(new int[] {2, 3, 4}, new float[24]));
        vm.pull();
        assertThat(asked).isEqualTo(2); // the newest step, asked once the answer came
        assertThat(vm.shapeProperty().get()).contains("[2, 3, 4]");
        answer.complete(new Tensor(new int[] {2, 3, 5}, new float[30]));
        vm.pull();
        assertThat(asked).isEqualTo(2);
        assertThat(vm.shapeProperty().get()).contains("[2, 3, 5]");
    }
}
