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

    @Test
    void theProgressSaysStepsDoneOfTotalAndTheTimeLeft() {
        StatusViewModel status = new StatusViewModel();
        assertThat(status.progressProperty().get()).isEmpty();
        status.showProgress(true, 0, 100, 0);
        assertThat(status.progressProperty().get()).isEqualTo("0 / 100 steps \u00b7 estimating the time left");
        assertThat(status.workingProperty().get()).isTrue();
        status.showProgress(true, 25, 100, 5_000 * MS);
        assertThat(status.progressProperty().get()).isEqualTo("25 / 100 steps \u00b7 about 15 s left");
        status.showProgress(true, 340, 1_000_000, 1_000 * MS);
        assertThat(status.progressProperty().get()).isEqualTo("340 / 1,000,000 steps \u00b7 about 49 min 00 s left");
        status.showProgress(true, 99, 100, 10 * MS);
        assertThat(status.progressProperty().get()).isEqualTo("99 / 100 steps \u00b7 less than a second left");
        status.showProgress(false, 99, 100, 10 * MS);
        assertThat(status.progressProperty().get()).isEmpty();
        assertThat(status.workingProperty().get()).isFalse();
        assertThat(StatusViewModel.duration(7_500 * 1000 * MS)).isEqualTo("2 h 05 min");
    }
}
