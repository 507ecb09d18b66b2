package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The steps per second in the status bar: averaged over about a second, and steady enough to read. */
class StatusViewModelTest {

    private static final long MS = 1_000_000L;

    @Test
    void theRateIsTheStepsOfTheLastSecondAndChangesAtMostTwiceASecond() {
        StatusViewModel status = new StatusViewModel();
        long t0 = 5_000 * MS;
        // 1000 steps/s, a frame every 16 ms
        long t = t0;
        for (; t <= t0 + 1_000 * MS; t += 16 * MS) {
            status.showRate((t - t0) / MS, t, true);
        }
        assertThat(status.rateProperty().get()).isEqualTo("1,000 steps/s");

        // the engine doubles its pace: the text follows, but not at every frame
        long since = t;
        long steps = (t - t0) / MS;
        String shown = status.rateProperty().get();
        int changes = 0;
        for (; t <= since + 2_000 * MS; t += 16 * MS) {
            steps += 32;
            status.showRate(steps, t, true);
            if (!status.rateProperty().get().equals(shown)) {
                changes++;
                shown = status.rateProperty().get();
            }
        }
        assertThat(changes).isBetween(1, 4);
        assertThat(status.rateProperty().get()).isEqualTo("2,000 steps/s");

        status.showRate(steps, t, false);
        assertThat(status.rateProperty().get()).isEmpty();
    }
}
