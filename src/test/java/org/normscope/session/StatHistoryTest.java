package org.normscope.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link StatHistory} and its {@link HistoryView}s. */
class StatHistoryTest {

    private static final int STATS = Stat.values().length;

    /** A row whose every value tells its step, stat and channel apart (exact in float for steps below 2^16). */
    static float[][] row(long step, int channels) {
        float[][] r = new float[STATS][channels];
        for (int s = 0; s < STATS; s++) {
            for (int c = 0; c < channels; c++) {
                r[s][c] = value(step, s, c);
            }
        }
        return r;
    }

    static float value(long step, int stat, int c) {
        return step * 256f + stat * 16 + c;
    }

    @Test
    void capacityMustBeEvenAndAtLeastTwo() {
        for (int bad : new int[] {-2, 0, 1, 3, 7}) {
            assertThatThrownBy(() -> new StatHistory(2, bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new StatHistory(3, 2).channels()).isEqualTo(3);
    }

    @Test
    void anEmptyHistory() {
        HistoryView v = new StatHistory(2, 8).view();
        assertThat(v.size()).isZero();
        assertThat(v.stride()).isEqualTo(1);
        assertThat(v.channels()).isEqualTo(2);
        assertThatThrownBy(() -> v.step(0)).isInstanceOf(IndexOutOfBoundsException.class);
        HistoryView empty = HistoryView.empty(5);
        assertThat(empty.size()).isZero();
        assertThat(empty.channels()).isEqualTo(5);
        assertThat(empty.stride()).isEqualTo(1);
    }

    @Test
    void belowCapacityEveryRowIsKept() {
        StatHistory h = new StatHistory(3, 16);
        for (long t = 1; t <= 16; t++) {
            h.append(t, row(t, 3));
        }
        HistoryView v = h.view();
        assertThat(v.size()).isEqualTo(16);
        assertThat(v.stride()).isEqualTo(1);
        for (int i = 0; i < 16; i++) {
            assertThat(v.step(i)).isEqualTo(i + 1);
            for (Stat stat : Stat.values()) {
                for (int c = 0; c < 3; c++) {
                    assertThat(v.value(stat, c, i)).isEqualTo(value(i + 1, stat.ordinal(), c));
                }
            }
        }
        assertThatThrownBy(() -> v.value(Stat.BATCH_MEAN, 0, 16)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> v.step(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void pastCapacityItThins() {
        StatHistory h = new StatHistory(2, 8);
        for (long t = 1; t <= 9; t++) {
            h.append(t, row(t, 2));
        }
        HistoryView v = h.view();
        assertThat(v.stride()).isEqualTo(2);
        assertThat(steps(v)).containsExactly(2L, 4L, 6L, 8L);

        for (long t = 10; t <= 16; t++) {
            h.append(t, row(t, 2));
        }
        assertThat(h.view().stride()).isEqualTo(2);
        assertThat(steps(h.view())).containsExactly(2L, 4L, 6L, 8L, 10L, 12L, 14L, 16L);

        h.append(17, row(17, 2));
        h.append(18, row(18, 2));
        assertThat(h.view().stride()).isEqualTo(4);
        assertThat(steps(h.view())).containsExactly(4L, 8L, 12L, 16L);

        for (long t = 19; t <= 1000; t++) {
            h.append(t, row(t, 2));
        }
        v = h.view();
        // 1000 steps in at most 8 rows: stride 128 keeps 128..896 (7 rows); 64 would need 15
        assertThat(v.stride()).isEqualTo(128);
        assertThat(steps(v)).containsExactly(128L, 256L, 384L, 512L, 640L, 768L, 896L);
        for (int i = 0; i < v.size(); i++) {
            for (Stat stat : Stat.values()) {
                for (int c = 0; c < 2; c++) {
                    assertThat(v.value(stat, c, i)).isEqualTo(value(v.step(i), stat.ordinal(), c));
                }
            }
        }
    }

    @Test
    void aViewTakenBeforeThinningKeepsItsValues() {
        StatHistory h = new StatHistory(2, 8);
        for (long t = 1; t <= 5; t++) {
            h.append(t, row(t, 2));
        }
        HistoryView partial = h.view();     // shares its arrays with the history
        for (long t = 6; t <= 8; t++) {
            h.append(t, row(t, 2));
        }
        HistoryView full = h.view();
        for (long t = 9; t <= 300; t++) {   // thins many times
            h.append(t, row(t, 2));
        }
        assertThat(h.view().stride()).isGreaterThan(1);

        assertThat(partial.size()).isEqualTo(5);
        assertThat(partial.stride()).isEqualTo(1);
        assertThat(steps(partial)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(full.size()).isEqualTo(8);
        assertThat(steps(full)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        for (HistoryView v : List.of(partial, full)) {
            for (int i = 0; i < v.size(); i++) {
                for (Stat stat : Stat.values()) {
                    for (int c = 0; c < 2; c++) {
                        assertThat(v.value(stat, c, i)).isEqualTo(value(i + 1, stat.ordinal(), c));
                    }
                }
            }
        }
    }

    @Test
    void appendCopiesTheRow() {
        StatHistory h = new StatHistory(1, 4);
        float[][] r = row(1, 1);
        h.append(1, r);
        r[0][0] = -1f;
        assertThat(h.view().value(Stat.RUNNING_MEAN, 0, 0)).isEqualTo(value(1, 0, 0));
    }

    /**
     * The contract of {@link StatHistory#view()}: a reader thread may read a safely published view
     * while the writer goes on appending (and thinning). Every value it reads must be the one of its
     * row's step.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void readersSeeConsistentViewsWhileTheWriterAppends() throws Exception {
        int channels = 3;
        StatHistory h = new StatHistory(channels, 64);
        AtomicReference<HistoryView> published = new AtomicReference<>(h.view());
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(2);
        List<Thread> readers = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            Thread reader = new Thread(() -> {
                started.countDown();
                try {
                    while (!done.get()) {
                        HistoryView v = published.get();
                        long previous = 0;
                        for (int i = 0; i < v.size(); i++) {
                            long step = v.step(i);
                            assertThat(step).isGreaterThan(previous);
                            assertThat(step % v.stride()).isZero();
                            previous = step;
                            for (Stat stat : Stat.values()) {
                                for (int c = 0; c < channels; c++) {
                                    float got = v.value(stat, c, i);
                                    if (got != value(step, stat.ordinal(), c)) {
                                        throw new AssertionError("row " + i + " step " + step + " " + stat + " channel "
                                                + c + ": " + got);
                                    }
                                }
                            }
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "history-reader-" + k);
            reader.start();
            readers.add(reader);
        }
        started.await();
        for (long t = 1; t <= 60_000; t++) {
            h.append(t, row(t, channels));
            published.set(h.view());
        }
        done.set(true);
        for (Thread r : readers) {
            r.join(30_000);
        }
        assertThat(failure.get()).isNull();
        HistoryView last = h.view();
        assertThat(last.step(last.size() - 1)).isEqualTo(60_000 - 60_000 % last.stride());
    }

    // ---- against a plain list -----------------------------------------------------------------

    @Property(tries = 200, seed = "4711")
    void keepsWhatAPlainListFilteredByTheStrideKeeps(@ForAll @IntRange(min = 1, max = 12) int halfCapacity,
                                                     @ForAll @IntRange(min = 0, max = 600) int steps,
                                                     @ForAll @IntRange(min = 1, max = 3) int channels) {
        int capacity = 2 * halfCapacity;
        StatHistory h = new StatHistory(channels, capacity);
        List<float[][]> all = new ArrayList<>();
        List<HistoryView> views = new ArrayList<>();
        List<List<Long>> viewSteps = new ArrayList<>();
        for (long t = 1; t <= steps; t++) {
            float[][] r = row(t, channels);
            all.add(r);
            h.append(t, r);
            if (t % 17 == 0) {
                HistoryView v = h.view();
                views.add(v);
                viewSteps.add(steps(v));
            }
            checkAgainstList(h.view(), all, capacity, channels);
        }
        // views taken along the way still read what they read then
        for (int k = 0; k < views.size(); k++) {
            assertThat(steps(views.get(k))).isEqualTo(viewSteps.get(k));
            HistoryView v = views.get(k);
            for (int i = 0; i < v.size(); i++) {
                for (int c = 0; c < channels; c++) {
                    assertThat(v.value(Stat.COMPARE_VAR, c, i)).isEqualTo(all.get((int) v.step(i) - 1)[Stat.COMPARE_VAR.ordinal()][c]);
                }
            }
        }
    }

    private static void checkAgainstList(HistoryView v, List<float[][]> all, int capacity, int channels) {
        long t = all.size();
        long stride = v.stride();
        assertThat(Long.bitCount(stride)).as("stride %d is a power of 2", stride).isEqualTo(1);
        // the stride is the smallest power of two that fits every multiple up to t in the capacity
        assertThat(t / stride).isLessThanOrEqualTo(capacity);
        if (stride > 1) {
            assertThat(t / (stride / 2)).isGreaterThan(capacity);
        }
        List<Long> expected = new ArrayList<>();
        for (long s = stride; s <= t; s += stride) {
            expected.add(s);
        }
        assertThat(steps(v)).isEqualTo(expected);
        assertThat(v.size()).isLessThanOrEqualTo(capacity);
        if (t >= stride) {
            assertThat(v.step(v.size() - 1)).as("the last kept step").isEqualTo(t - t % stride);
        }
        for (int i = 0; i < v.size(); i++) {
            float[][] r = all.get((int) v.step(i) - 1);
            for (Stat stat : Stat.values()) {
                for (int c = 0; c < channels; c++) {
                    if (v.value(stat, c, i) != r[stat.ordinal()][c]) {
                        throw new AssertionError("after " + t + " steps, row " + i + " (step " + v.step(i) + ") "
                                + stat + " channel " + c + ": " + v.value(stat, c, i) + " instead of "
                                + r[stat.ordinal()][c]);
                    }
                }
            }
        }
    }

    static List<Long> steps(HistoryView v) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(v.step(i));
        }
        return out;
    }
}
