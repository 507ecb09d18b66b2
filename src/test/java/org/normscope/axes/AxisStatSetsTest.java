package org.normscope.axes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link StatSets}: which values share one mean and variance, for every rule on several shapes. */
class AxisStatSetsTest {

    static final int[][] SHAPES = {{4, 3}, {1, 4}, {2, 4, 5}, {2, 4, 3, 3}, {3, 6, 1, 1}, {2, 4, 2, 2, 3}};

    /** Every rule that fits a shape: BatchNorm, InstanceNorm, LayerNorm over 1 to rank − 1 dims, GroupNorm for each divisor. */
    static List<NormRule> rules(int[] shape) {
        List<NormRule> rules = new ArrayList<>(List.of(NormRule.batch(), NormRule.instance()));
        for (int k = 1; k < shape.length; k++) {
            rules.add(NormRule.layer(k));
        }
        for (int g : NormRule.divisors(shape[1])) {
            rules.add(NormRule.group(g));
        }
        return rules;
    }

    @Test
    void everySetHasItsSizeAndItsBoxHoldsExactlyItsValues() {
        for (int[] shape : SHAPES) {
            for (NormRule rule : rules(shape)) {
                StatSets sets = new StatSets(shape, rule);
                int[] counted = new int[sets.count()];
                for (int n = 0; n < sets.samples(); n++) {
                    for (int c = 0; c < sets.channels(); c++) {
                        for (int p = 0; p < sets.positions(); p++) {
                            int s = sets.setOf(n, c, p);
                            assertThat(s).as("%s %s", rule, java.util.Arrays.toString(shape)).isBetween(0, sets.count() - 1);
                            counted[s]++;
                            for (int t = 0; t < sets.count(); t++) {
                                StatSets.Box b = sets.box(t);
                                boolean inside = n >= b.n0() && n <= b.n1() && c >= b.c0() && c <= b.c1()
                                        && p >= b.p0() && p <= b.p1();
                                assertThat(inside).as("%s %s cell (%d,%d,%d) in box %d", rule,
                                        java.util.Arrays.toString(shape), n, c, p, t).isEqualTo(s == t);
                            }
                        }
                    }
                }
                assertThat(counted).as("%s %s", rule, java.util.Arrays.toString(shape)).containsOnly(sets.size());
                assertThat((long) sets.count() * sets.size()).isEqualTo((long) sets.samples() * sets.channels()
                        * sets.positions());
                int product = 1;
                for (int d : sets.reducedSizes()) {
                    product *= d;
                }
                assertThat(product).as("%s %s", rule, java.util.Arrays.toString(shape)).isEqualTo(sets.size());
            }
        }
    }

    @Test
    void batchNorm2dAveragesEachChannelOverNHW() {
        StatSets sets = new StatSets(new int[] {2, 3, 3, 3}, NormRule.batch());
        assertThat(sets.count()).isEqualTo(3);
        assertThat(sets.size()).isEqualTo(18);
        assertThat(sets.reducedAxes()).containsExactly("N", "H", "W");
        assertThat(sets.setOf(1, 2, 8)).isEqualTo(2);
        assertThat(sets.slice(1)).isEqualTo("x[:, 1, :, :]");
        assertThat(sets.rule().moduleName(sets.shape())).isEqualTo("BatchNorm2d");
    }

    @Test
    void batchNorm1dOnNCAveragesEachColumn() {
        StatSets sets = new StatSets(new int[] {4, 3}, NormRule.batch());
        assertThat(sets.count()).isEqualTo(3);
        assertThat(sets.size()).isEqualTo(4);
        assertThat(sets.reducedAxes()).containsExactly("N");
        assertThat(sets.slice(2)).isEqualTo("x[:, 2]");
        assertThat(sets.rule().moduleName(sets.shape())).isEqualTo("BatchNorm1d");
    }

    @Test
    void instanceNormOnNCHasOneValuePerSet() {
        StatSets sets = new StatSets(new int[] {4, 3}, NormRule.instance());
        assertThat(sets.count()).isEqualTo(12);
        assertThat(sets.size()).isEqualTo(1);
        assertThat(sets.reducedAxes()).isEmpty();
        assertThat(sets.slice(5)).isEqualTo("x[1, 2]");
        StatSets images = new StatSets(new int[] {2, 3, 3, 3}, NormRule.instance());
        assertThat(images.size()).isEqualTo(9);
        assertThat(images.setOf(1, 2, 0)).isEqualTo(5);
        assertThat(images.reducedAxes()).containsExactly("H", "W");
    }

    @Test
    void layerNormIsPerSampleOverCAndSpatialOrPerLeadingIndex() {
        StatSets perSample = new StatSets(new int[] {2, 4, 3, 3}, NormRule.layer(3));
        assertThat(perSample.count()).isEqualTo(2);
        assertThat(perSample.size()).isEqualTo(36);
        assertThat(perSample.reducedAxes()).containsExactly("C", "H", "W");
        assertThat(perSample.slice(1)).isEqualTo("x[1, :, :, :]");
        assertThat(perSample.rule().moduleName(perSample.shape())).isEqualTo("LayerNorm([4, 3, 3])");
        StatSets lastDim = new StatSets(new int[] {2, 4, 3, 3}, NormRule.layer(1));
        assertThat(lastDim.size()).isEqualTo(3);
        assertThat(lastDim.setOf(0, 1, 4)).isEqualTo(4); // row h = 1 of channel 1: (0·4 + 1)·3 + 1
        assertThat(lastDim.box(4)).isEqualTo(new StatSets.Box(0, 0, 1, 1, 3, 5));
        assertThat(lastDim.slice(4)).isEqualTo("x[0, 1, 1, :]");
        StatSets nc = new StatSets(new int[] {4, 3}, NormRule.layer(1));
        assertThat(nc.count()).isEqualTo(4);
        assertThat(nc.size()).isEqualTo(3);
        assertThat(nc.reducedAxes()).containsExactly("C");
    }

    @Test
    void groupNormTakesConsecutiveChannelsOfOneSample() {
        StatSets sets = new StatSets(new int[] {2, 4, 3, 3}, NormRule.group(2));
        assertThat(sets.count()).isEqualTo(4);
        assertThat(sets.size()).isEqualTo(18);
        assertThat(sets.setOf(1, 3, 0)).isEqualTo(3);
        assertThat(sets.box(3)).isEqualTo(new StatSets.Box(1, 1, 2, 3, 0, 8));
        assertThat(sets.slice(3)).isEqualTo("x[1, 2:4, :, :]");
        assertThat(sets.reducedAxes()).containsExactly("C/G", "H", "W");
        assertThat(sets.rule().moduleName(sets.shape())).isEqualTo("GroupNorm(2, 4)");
        assertThat(NormRule.divisors(12)).containsExactly(1, 2, 3, 4, 6, 12);
    }

    @Test
    void rulesThatDoNotFitAreRefused() {
        assertThatThrownBy(() -> new StatSets(new int[] {2, 4, 3}, NormRule.group(3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StatSets(new int[] {2, 4}, NormRule.layer(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StatSets(new int[] {2}, NormRule.batch()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NormRule.group(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPyTorchClassNameGivesItsRule() {
        assertThat(NormRule.ofTorchName("BatchNorm2d", 4, 4)).isEqualTo(NormRule.batch());
        assertThat(NormRule.ofTorchName("InstanceNorm1d", 3, 4)).isEqualTo(NormRule.instance());
        assertThat(NormRule.ofTorchName("LayerNorm", 4, 4)).isEqualTo(NormRule.layer(3));
        assertThat(NormRule.ofTorchName("GroupNorm", 4, 4)).isEqualTo(NormRule.group(2));
        assertThat(NormRule.ofTorchName("GroupNorm", 4, 3)).isEqualTo(NormRule.group(1));
        assertThatThrownBy(() -> NormRule.ofTorchName("Dropout", 2, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
