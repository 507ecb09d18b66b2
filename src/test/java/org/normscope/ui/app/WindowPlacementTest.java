package org.normscope.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** Where the window opens, without a screen. */
class WindowPlacementTest {

    private static final Rectangle2D SMALL = new Rectangle2D(0, 0, 1024, 740); // 1024×768 less a task bar
    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1920, 1050);
    private static final Rectangle2D PROJECTOR = new Rectangle2D(1920, 0, 1280, 720);

    @Test
    void onASmallScreenTheWindowTakesTheScreenAndStaysOnIt() {
        WindowPlacement p = WindowPlacement.choose(List.of(SMALL), SMALL, null, 1600, 1000);
        assertThat(p).isEqualTo(new WindowPlacement(0, 0, 1024, 740, false));
        assertThat(WindowPlacement.minimumSize(SMALL)).containsExactly(1024, 700);
        assertThat(WindowPlacement.minimumSize(new Rectangle2D(0, 0, 800, 570))).containsExactly(800, 570);
    }

    @Test
    void onALargeScreenTheDefaultSizeIsCentred() {
        WindowPlacement p = WindowPlacement.choose(List.of(LAPTOP), LAPTOP, null, 1600, 1000);
        assertThat(p).isEqualTo(new WindowPlacement(160, 25, 1600, 1000, false));
    }

    @Test
    void theScreenUnderThePointerIsTheOneOpenedOn() {
        WindowPlacement p = WindowPlacement.choose(List.of(LAPTOP, PROJECTOR), PROJECTOR, null, 1600, 1000);
        assertThat(p).isEqualTo(new WindowPlacement(1920, 0, 1280, 720, false));
    }

    @Test
    void aRememberedPlaceIsFittedIntoItsScreenAndOneOffEveryScreenIsForgotten() {
        WindowPlacement onProjector = new WindowPlacement(2000, 100, 1600, 1000, true);
        assertThat(WindowPlacement.choose(List.of(LAPTOP, PROJECTOR), LAPTOP, onProjector, 1600, 1000))
                .isEqualTo(new WindowPlacement(1920, 0, 1280, 720, true));
        // the projector is gone: the place is not restored off screen
        assertThat(WindowPlacement.choose(List.of(LAPTOP), LAPTOP, onProjector, 1600, 1000))
                .isEqualTo(new WindowPlacement(160, 25, 1600, 1000, false));
        WindowPlacement aboveTheScreen = new WindowPlacement(-288, -77, 1600, 1000, false);
        assertThat(WindowPlacement.choose(List.of(SMALL), SMALL, aboveTheScreen, 1600, 1000))
                .isEqualTo(new WindowPlacement(0, 0, 1024, 740, false));
    }

    @Test
    void aPlaceSurvivesItsTextAndBadTextIsNoPlace() {
        WindowPlacement p = new WindowPlacement(12, 34, 1280, 720, true);
        assertThat(WindowPlacement.decode(p.encode())).isEqualTo(p);
        assertThat(WindowPlacement.decode(null)).isNull();
        assertThat(WindowPlacement.decode("1,2,3")).isNull();
        assertThat(WindowPlacement.decode("a,b,c,d,true")).isNull();
        assertThat(WindowPlacement.decode("0,0,10,10,false")).isNull(); // too small to be a window
        assertThat(WindowPlacement.configuration(List.of(LAPTOP, PROJECTOR))).isEqualTo("0,0,1920x1050;1920,0,1280x720");
    }
}
