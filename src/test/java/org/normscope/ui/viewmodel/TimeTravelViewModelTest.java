package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.normscope.engine.Momentum;
import org.normscope.session.Session;
import org.normscope.session.SessionHistory;
import org.normscope.session.Stat;

class TimeTravelViewModelTest {

    private final TimeTravelViewModel time = new TimeTravelViewModel();

    private void assertRange(long from, long to) {
        assertThat(time.fromProperty().get()).as("from").isEqualTo(from);
        assertThat(time.toProperty().get()).as("to").isEqualTo(to);
    }

    @Test
    void followingShowsEveryStepAsTheyArrive() {
        assertThat(time.rangeTextProperty().get()).isEmpty();
        time.setSteps(1);
        assertThat(time.rangeTextProperty().get()).isEqualTo("step 1");
        time.setSteps(5);
        assertRange(1, 5);
        assertThat(time.rangeTextProperty().get()).isEqualTo("all 5 steps");
        time.setSteps(1000);
        assertRange(1, 1000);
        assertThat(time.followingProperty().get()).isTrue();
        assertThat(time.rangeTextProperty().get()).isEqualTo("all 1,000 steps");
    }

    @Test
    void zoomingInAroundAStepKeepsThatStepInPlaceAndStopsFollowing() {
        time.setSteps(1000);
        time.zoom(801, 0.5);
        assertRange(401, 901);
        assertThat(time.followingProperty().get()).isFalse();
        time.setSteps(2000);
        assertRange(401, 901); // new steps do not move a zoomed view
        assertThat(time.rangeTextProperty().get()).isEqualTo("steps 401\u2013901 of 2,000");
    }

    @Test
    void zoomingOutStopsAtTheWholeHistoryAndZoomingInAtTenSteps() {
        time.setSteps(1000);
        time.zoom(500, 4);
        assertRange(1, 1000);
        for (int i = 0; i < 50; i++) {
            time.zoom(500, 0.5);
        }
        assertThat(time.toProperty().get() - time.fromProperty().get() + 1).isEqualTo(TimeTravelViewModel.MIN_SPAN);
        assertThat(time.fromProperty().get()).isBetween(490L, 500L);
    }

    @Test
    void panningMovesTheRangeLikePaperAndStopsAtTheEnds() {
        time.setSteps(1000);
        time.zoom(1000, 0.1);
        long width = time.toProperty().get() - time.fromProperty().get();
        time.pan(-200); // dragged to the right: earlier steps
        assertThat(time.toProperty().get()).isEqualTo(800);
        time.pan(-5000);
        assertRange(1, 1 + width);
        time.pan(99_999);
        assertRange(1000 - width, 1000);
        assertThat(time.followingProperty().get()).isFalse();
    }

    @Test
    void followAfterZoomKeepsTheSpanAndTracksTheNewestSteps() {
        time.setSteps(1000);
        time.zoom(500, 0.1);
        long span = time.toProperty().get() - time.fromProperty().get() + 1;
        time.follow();
        assertThat(time.followingProperty().get()).isTrue();
        assertRange(1000 - span + 1, 1000);
        time.setSteps(5000);
        assertRange(5000 - span + 1, 5000);
        time.showAll();
        assertRange(1, 5000);
        time.setSteps(6000);
        assertRange(1, 6000);
    }

    @Test
    void theCursorStaysOnItsStepAndWithinTheSteps() {
        time.setSteps(100);
        time.point(41.6);
        assertThat(time.cursorProperty().get()).isEqualTo(42);
        time.setSteps(200);
        assertThat(time.cursorProperty().get()).isEqualTo(42);
        time.point(-5);
        assertThat(time.cursorProperty().get()).isEqualTo(1);
        time.point(1e9);
        assertThat(time.cursorProperty().get()).isEqualTo(200);
        time.point(Double.NaN);
        assertThat(time.cursorProperty().get()).isEqualTo(200);
    }

    @Test
    void aNewLayerClearsTheCursorAndFollowsAgain() {
        time.setSteps(100);
        time.zoom(50, 0.5);
        time.point(30);
        time.setSteps(0);
        assertThat(time.cursorProperty().get()).isZero();
        assertThat(time.followingProperty().get()).isTrue();
        time.setSteps(3);
        assertRange(1, 3);
    }

    @Test
    void gesturesBeforeTheFirstStepChangeNothing() {
        time.zoom(1, 0.5);
        time.pan(3);
        time.point(2);
        assertThat(time.followingProperty().get()).isTrue();
        assertThat(time.cursorProperty().get()).isZero();
    }

    @Test
    void theReadoutGivesEveryChannelsValuesAtTheCursorExactlyInTheExactWindow() {
        Session s = new Session(org.normscope.session.LayerConfig.notebook(),
                org.normscope.batch.BatchSpec.ones(4), null);
        for (int t = 0; t < 4; t++) {
            s.step();
        }
        SessionHistory h = s.history();
        time.setSteps(4);
        time.read(h);
        assertThat(time.readout()).isEmpty();
        time.point(2);
        time.read(h);
        assertThat(time.readout()).hasSize(4);
        TimeTravelViewModel.ChannelValues v = time.readout().get(3);
        assertThat(v.channel()).isEqualTo(3);
        assertThat(v.runningMean()).isEqualTo(h.valueAt(Stat.RUNNING_MEAN, 3, 2)).isCloseTo(0.51f, within(1e-6f));
        assertThat(v.runningVar()).isCloseTo(0.49f, within(1e-6f));
        assertThat(v.batchMean()).isEqualTo(1f);
        assertThat(v.batchVar()).isEqualTo(0f);
        assertThat(v.trueMean()).isEqualTo(1f);
        assertThat(time.readoutTitleProperty().get()).isEqualTo("step 2 (exact)");
        assertThat(time.reprintableProperty().get()).isTrue();
    }

    @Test
    void theReadoutSaysWhenAStepIsOnlyKeptAsABucketMean() {
        Session s = new Session(org.normscope.session.LayerConfig.notebook().withMomentum(Momentum.of(0.01)),
                org.normscope.batch.BatchSpec.ones(4), null);
        int steps = s.history().exactSteps() + 50;
        for (int t = 0; t < steps; t++) {
            s.stepQuietly();
        }
        time.setSteps(steps);
        time.point(3);
        time.read(s.history());
        long[] bucket = s.history().bucketAt(3);
        assertThat(time.readoutTitleProperty().get()).isEqualTo(String.format(
                "step 3: means of steps %d\u2013%d (older steps are kept as summaries)", bucket[0], bucket[1]));
        assertThat(time.reprintableProperty().get()).isFalse();
        assertThat(time.readout().get(0).runningMean()).isEqualTo(s.history().valueAt(Stat.RUNNING_MEAN, 0, 3));
    }
}
