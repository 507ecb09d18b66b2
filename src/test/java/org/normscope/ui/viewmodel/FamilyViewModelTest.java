package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.normscope.engine.GroupNorm;
import org.normscope.engine.LayerNorm;
import org.normscope.engine.Tensor;
import org.normscope.explain.ExplanationLine;
import org.normscope.explain.GroupExplainer;
import org.normscope.scenario.LayerKind;
import org.normscope.session.GroupStats;
import org.normscope.session.LayerConfig;
import org.normscope.session.SessionSnapshot;

/** The family in the window's view models: the chooser, each kind's arguments, the group charts, Explain. */
class FamilyViewModelTest {

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

    @Test
    void choosingGroupNormShowsItsArgumentsWithItsDefaultsAndTheDivisorsOfC() {
        layer.kindProperty().set(LayerKind.GROUP_NORM);
        m.settle();
        SessionSnapshot s = m.snap();
        assertThat(s.layer().kind()).isEqualTo(LayerKind.GROUP_NORM);
        assertThat(s.layer().numGroups()).isEqualTo(2);
        assertThat(s.layer().trackRunningStats()).isFalse();
        assertThat(layer.hasGroupsProperty().get()).isTrue();
        assertThat(layer.hasMomentumProperty().get()).isFalse();
        assertThat(layer.hasNormalizedShapeProperty().get()).isFalse();
        assertThat(layer.countNameProperty().get()).isEqualTo("num_channels C");
        assertThat(layer.groupChoices()).containsExactly(1, 2, 4);
        assertThat(layer.numGroupsProperty().get()).isEqualTo(2);

        layer.numGroupsProperty().set(4);
        m.settle();
        assertThat(m.snap().layer().numGroups()).isEqualTo(4);
        assertThat(vm.console().entries().get(vm.console().entries().size() - 1).text())
                .contains("nn.GroupNorm(4, 4, eps=0.0, affine=True)");
    }

    @Test
    void choosingLayerNormOffersTheInputsTrailingSizesAsNormalizedShape() {
        layer.kindProperty().set(LayerKind.LAYER_NORM);
        m.settle();
        assertThat(layer.hasNormalizedShapeProperty().get()).isTrue();
        assertThat(layer.affineNameProperty().get()).isEqualTo("elementwise_affine");
        assertThat(layer.normalizedDimsChoices()).containsExactly(1, 2); // the notebook's (2, 4, 1): (1,) or (4, 1)
        assertThat(layer.normalizedShapeText(1)).isEqualTo("(1,)");
        assertThat(layer.normalizedShapeText(2)).isEqualTo("(4, 1)");
        layer.normalizedDimsProperty().set(2);
        m.settle();
        assertThat(m.snap().layer().normalizedDims()).isEqualTo(2);
        assertThat(m.snap().weight()).hasSize(4);
    }

    @Test
    void instanceNormTakesItsOwnDefaultsAffineAndTrackingOff() {
        layer.kindProperty().set(LayerKind.INSTANCE_NORM_1D);
        m.settle();
        SessionSnapshot s = m.snap();
        assertThat(s.layer().affine()).isFalse();
        assertThat(s.layer().trackRunningStats()).isFalse();
        assertThat(layer.affineProperty().get()).isFalse();
        assertThat(layer.hasMomentumProperty().get()).isTrue();
        assertThat(layer.parameters()).isEmpty();
    }

    @Test
    void theGroupChartsShowEachSamplesGroupsAsDotsOrOneSampleChosen() {
        GroupStats g = new GroupStats(LayerKind.GROUP_NORM, 10, 3, 8, new float[30], new float[30]);
        for (int i = 0; i < 30; i++) {
            g.mean()[i] = i;
            g.var()[i] = 100 + i;
        }
        GroupCharts.Shown first = GroupCharts.of(g, GroupCharts.FIRST_SAMPLES);
        assertThat(first.series()).hasSize(ChartsViewModel.MAX_CURVES);
        assertThat(first.chooser()).isTrue();
        GroupCharts.Series s1 = first.series().get(1);
        assertThat(s1.sample()).isEqualTo(1);
        assertThat(s1.mean()).hasSize(5);
        assertThat(s1.mean()[0]).isEqualTo(3);
        assertThat(s1.mean()[1]).isNaN(); // the gap: dots, not a line
        assertThat(s1.var()[4]).isEqualTo(105);
        assertThat(s1.x()[2] - s1.x()[0]).isEqualTo(1.0);
        assertThat(first.xLabel()).isEqualTo(UiText.get("groups.x.group"));

        GroupCharts.Shown one = GroupCharts.of(g, 9);
        assertThat(one.series()).singleElement().extracting(GroupCharts.Series::sample).isEqualTo(9);
        assertThat(one.series().get(0).x()[0]).isZero();
        assertThat(one.series().get(0).mean()[4]).isEqualTo(29);

        GroupStats perSample = new GroupStats(LayerKind.LAYER_NORM, 4, 1, 12, new float[] {1, 2, 3, 4},
                new float[] {5, 6, 7, 8});
        GroupCharts.Shown ln = GroupCharts.of(perSample, GroupCharts.FIRST_SAMPLES);
        assertThat(ln.chooser()).isFalse();
        assertThat(ln.series()).singleElement().satisfies(s -> assertThat(s.mean()).containsExactly(1, Double.NaN, 2,
                Double.NaN, 3, Double.NaN, 4));
        assertThat(ln.xLabel()).isEqualTo(UiText.get("groups.x.sample"));
    }

    @Test
    void explainGivesTheGroupsFormulaWithTheEnginesOutput() {
        float[] data = new float[2 * 4 * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) Math.sin(i * 1.7) * 3 + i % 5;
        }
        Tensor x = new Tensor(new int[] {2, 4, 3}, data);
        GroupNorm gn = new GroupNorm(2, 4);
        List<ExplanationLine> lines = GroupExplainer.explain(new GroupNorm(2, 4), x, 3, 4); // sample 1, channel 3, position 1
        assertThat(lines).extracting(ExplanationLine::key).containsExactly("group", "group_mean", "group_var", "y");
        double sum = 0;
        int start = (1 * 4 + 2) * 3; // sample 1, group 1: channels 2 and 3
        for (int i = start; i < start + 6; i++) {
            sum += data[i];
        }
        double mean = sum / 6;
        assertThat(lines.get(1).numbers()).anySatisfy(n -> assertThat(n.value()).isEqualTo(mean));
        float y = gn.forward(x).data()[(1 * 4 + 3) * 3 + 1];
        assertThat(lines.get(3).numbers()).anySatisfy(n -> assertThat(n.value()).isEqualTo(y));

        List<ExplanationLine> ln = GroupExplainer.explain(new LayerNorm(3), x, 0, 0);
        assertThat(ln.get(0).caption()).contains("m = 3");
        List<ExplanationLine> refused = GroupExplainer.explain(new org.normscope.engine.InstanceNorm1d(4),
                new Tensor(new int[] {2, 4, 1}, new float[8]), 0, 0);
        assertThat(refused).singleElement().satisfies(l -> assertThat(l.formula())
                .startsWith("ValueError: Expected more than 1 spatial element when training"));
    }

    @Test
    void theConfigDefaultsMatchPyTorchs() {
        assertThat(LayerConfig.defaults(LayerKind.BATCH_NORM_2D, 3).trackRunningStats()).isTrue();
        assertThat(LayerConfig.defaults(LayerKind.INSTANCE_NORM_3D, 3).affine()).isFalse();
        assertThat(LayerConfig.defaults(LayerKind.GROUP_NORM, 5).numGroups()).isEqualTo(1);
    }
}
