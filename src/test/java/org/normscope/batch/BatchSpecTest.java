package org.normscope.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a batch looks like: its shape, its validation, and the {@code with…} copies. */
class BatchSpecTest {

    static final ChannelSource A = new ChannelSource.Normal(-2, 0.5);
    static final ChannelSource B = new ChannelSource.Uniform(0, 1);
    static final ChannelSource K = new ChannelSource.Constant(3);

    static BatchSpec spec(int n, int[] spatial, List<ChannelSource> sources) {
        return new BatchSpec(n, spatial, sources, 0.0, 0, true);
    }

    // ---------------------------------------------------------------- shape

    @Test
    void theShapeIsNThenCThenTheSpatialSizes() {
        assertThat(spec(5, new int[0], List.of(A, B)).shape()).containsExactly(5, 2);
        assertThat(spec(5, new int[] {7}, List.of(A, B)).shape()).containsExactly(5, 2, 7);
        assertThat(spec(2, new int[] {3, 4}, List.of(A, B, K)).shape()).containsExactly(2, 3, 3, 4);
        BatchSpec s = spec(2, new int[] {3, 4, 5}, List.of(A));
        assertThat(s.shape()).containsExactly(2, 1, 3, 4, 5);
        assertThat(s.channels()).isEqualTo(1);
        assertThat(s.valuesPerChannel()).isEqualTo(2 * 3 * 4 * 5);
        assertThat(BatchSpec.valueCount(2, 3, new int[] {4, 5})).isEqualTo(120);
        assertThat(BatchSpec.valueCount(7, 2, new int[0])).isEqualTo(14);
    }

    @Test
    void onesIsTheNotebooksInput() {
        BatchSpec ones = BatchSpec.ones(4);
        assertThat(ones.shape()).containsExactly(2, 4, 1);
        assertThat(ones.sources()).hasSize(4).containsOnly(new ChannelSource.Constant(1));
        assertThat(ones.driftPerStep()).isZero();
        assertThat(ones.freshEachStep()).isTrue();
    }

    @Test
    void theSpecDoesNotShareItsArraysOrLists() {
        int[] spatial = {3, 4};
        List<ChannelSource> sources = new ArrayList<>(List.of(A, B));
        BatchSpec s = spec(1, spatial, sources);
        spatial[0] = 99;
        sources.set(0, K);
        s.spatial()[1] = 99;

        assertThat(s.spatial()).containsExactly(3, 4);
        assertThat(s.sources()).containsExactly(A, B);
        assertThatThrownBy(() -> s.sources().set(0, K)).isInstanceOf(UnsupportedOperationException.class);
    }

    // ---------------------------------------------------------------- validation

    @Test
    void nMustBeAtLeastOne() {
        assertThatThrownBy(() -> spec(0, new int[] {1}, List.of(A)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("N must be at least 1, got 0");
        assertThatThrownBy(() -> spec(-3, new int[] {1}, List.of(A))).hasMessage("N must be at least 1, got -3");
    }

    @Test
    void everySpatialSizeMustBeAtLeastOne() {
        assertThatThrownBy(() -> spec(1, new int[] {3, 0}, List.of(A)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("every size after C must be at least 1, got 0");
        assertThatThrownBy(() -> spec(1, new int[] {-1}, List.of(A))).hasMessageContaining("got -1");
    }

    @Test
    void aBatchNeedsAChannel() {
        assertThatThrownBy(() -> spec(1, new int[] {1}, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a batch needs at least one channel");
    }

    @Test
    void theDriftMustBeFinite() {
        assertThatThrownBy(() -> new BatchSpec(1, new int[] {1}, List.of(A), Double.NaN, 0, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the drift must be a finite number, got NaN");
        assertThatThrownBy(() -> new BatchSpec(1, new int[] {1}, List.of(A), Double.POSITIVE_INFINITY, 0, true))
                .hasMessageContaining("Infinity");
    }

    @Test
    void aBatchHoldsAtMostTwoToTheTwentyFourValues() {
        BatchSpec largest = spec(1 << 10, new int[] {1 << 12}, List.of(A, B, K, A));
        assertThat(BatchSpec.valueCount(largest.batchSize(), largest.channels(), largest.spatial()))
                .isEqualTo(BatchSpec.MAX_VALUES);

        assertThatThrownBy(() -> spec((1 << 10) + 1, new int[] {1 << 12}, List.of(A, B, K, A)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a batch of 16793600 values is too large: keep it at most 16777216 (64 MB)");
        assertThatThrownBy(() -> spec(Integer.MAX_VALUE, new int[] {Integer.MAX_VALUE}, List.of(A)))
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> largest.withChannels(5)).hasMessageContaining("too large");
    }

    // ---------------------------------------------------------------- copies

    @Test
    void withChannelsRepeatsTheLastSourceOrDropsTheSpareOnes() {
        BatchSpec two = spec(3, new int[] {2}, List.of(A, B));

        assertThat(two.withChannels(5).sources()).containsExactly(A, B, B, B, B);
        assertThat(two.withChannels(1).sources()).containsExactly(A);
        assertThat(two.withChannels(2)).isEqualTo(two);
        assertThat(two.withChannels(5).withChannels(2)).isEqualTo(two);
        assertThat(two.withChannels(4).shape()).containsExactly(3, 4, 2);
        assertThatThrownBy(() -> two.withChannels(0)).hasMessage("a batch needs at least one channel, got 0");
        assertThatThrownBy(() -> two.withChannels(-1)).hasMessage("a batch needs at least one channel, got -1");
    }

    @Test
    void theWithCopiesChangeOneThingOnly() {
        BatchSpec s = new BatchSpec(3, new int[] {2}, List.of(A, B), 0.25, 9, false);

        BatchSpec wider = s.withSpatial(new int[] {4, 5});
        assertThat(wider.shape()).containsExactly(3, 2, 4, 5);
        assertThat(wider.withSpatial(new int[] {2})).isEqualTo(s);

        BatchSpec changed = s.withSource(1, K);
        assertThat(changed.sources()).containsExactly(A, K);
        assertThat(changed.driftPerStep()).isEqualTo(0.25);
        assertThat(changed.seed()).isEqualTo(9);
        assertThat(changed.freshEachStep()).isFalse();
        assertThat(s.sources()).containsExactly(A, B);
    }

    @Test
    void everyEditKeepsTheSpecsGenerator() {
        BatchSpec s = new BatchSpec(3, new int[] {2}, List.of(A, B), 0.25, 9, false).withGenerator(Generator.ZIGGURAT_1);
        assertThat(new BatchSpec(3, new int[] {2}, List.of(A, B), 0.25, 9, false).generator())
                .isEqualTo(Generator.DEFAULT).isEqualTo(Generator.ZIGGURAT_1);
        BatchSpec old = s.withGenerator(Generator.SPLITTABLE_POLAR_1);
        assertThat(old.withSource(1, K).generator()).isEqualTo(Generator.SPLITTABLE_POLAR_1);
        assertThat(old.withSpatial(new int[] {4}).generator()).isEqualTo(Generator.SPLITTABLE_POLAR_1);
        assertThat(old.withChannels(5).generator()).isEqualTo(Generator.SPLITTABLE_POLAR_1);
        assertThat(old.withGenerator(Generator.ZIGGURAT_1)).isEqualTo(s);
        assertThat(Generator.byId("splittable-polar-1")).contains(Generator.SPLITTABLE_POLAR_1);
        assertThat(Generator.byId("ziggurat-1")).contains(Generator.ZIGGURAT_1);
        assertThat(Generator.byId("mersenne")).isEmpty();
    }

    @Test
    void equalityLooksAtEveryField() {
        BatchSpec s = new BatchSpec(3, new int[] {2}, List.of(A, B), 0.25, 9, false);
        BatchSpec same = new BatchSpec(3, new int[] {2}, List.of(A, B), 0.25, 9, false);

        assertThat(s).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(s).isNotEqualTo(new BatchSpec(4, new int[] {2}, List.of(A, B), 0.25, 9, false));
        assertThat(s).isNotEqualTo(new BatchSpec(3, new int[] {3}, List.of(A, B), 0.25, 9, false));
        assertThat(s).isNotEqualTo(new BatchSpec(3, new int[] {2}, List.of(B, A), 0.25, 9, false));
        assertThat(s).isNotEqualTo(new BatchSpec(3, new int[] {2}, List.of(A, B), 0.5, 9, false));
        assertThat(s).isNotEqualTo(new BatchSpec(3, new int[] {2}, List.of(A, B), 0.25, 8, false));
        assertThat(s).isNotEqualTo(new BatchSpec(3, new int[] {2}, List.of(A, B), 0.25, 9, true));
        Generator other = s.generator() == Generator.ZIGGURAT_1 ? Generator.SPLITTABLE_POLAR_1 : Generator.ZIGGURAT_1;
        assertThat(s).isNotEqualTo(s.withGenerator(other));
        assertThat(s.toString()).isEqualTo("BatchSpec[3, 2, 2][Normal[mean=-2.0, std=0.5], Uniform[low=0.0, high=1.0]]"
                + " drift=0.25 seed=9 same " + Generator.DEFAULT.id());
    }

    @Test
    void aShapeWhoseSizeOverflowsALongIsTooLargeNotEmpty() {
        assertThat(BatchSpec.valueCount(1, 1, new int[] {1 << 22, 1 << 21, 1 << 21})).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> new BatchSpec(1, new int[] {1 << 22, 1 << 21, 1 << 21}, List.of(A), 0, 0, true))
                .hasMessageContaining("too large");
    }

    @Test
    void sourcesStayWithinWhatFloat32CanHoldAfterAShift() {
        assertThatThrownBy(() -> new ChannelSource.Constant(1e39)).hasMessageContaining("between -1e30 and 1e30");
        assertThatThrownBy(() -> new ChannelSource.Normal(0, 2e30)).hasMessageContaining("std");
        assertThat(new ChannelSource.Uniform(-1e30, 1e30).mean()).isZero();
    }
}
