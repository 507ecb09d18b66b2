package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.beans.property.SimpleDoubleProperty;
import org.junit.jupiter.api.Test;
import org.normscope.ui.viewmodel.PresentationViewModel.Look;

class PresentationViewModelTest {

    private final LayoutViewModel layout = new LayoutViewModel();
    private final SimpleDoubleProperty font = new SimpleDoubleProperty(MainViewModel.DEFAULT_FONT);
    private final PresentationViewModel p = new PresentationViewModel(layout, font::get, font::set);

    @Test
    void entering_foldsTheSettings_stepsTheTextUp_andChoosesTheProjectorTheme_leavingPutsThemBack() {
        layout.setWindow(1600, font.get());
        assertThat(layout.settingsShownProperty().get()).isTrue();
        p.enter();
        assertThat(p.presentingProperty().get()).isTrue();
        assertThat(layout.settingsShownProperty().get()).isFalse();
        assertThat(font.get()).isEqualTo(MainViewModel.DEFAULT_FONT + PresentationViewModel.FONT_STEP_UP);
        assertThat(p.lookProperty().get()).isEqualTo(Look.PROJECTOR_LIGHT);
        p.enter(); // twice is once
        assertThat(font.get()).isEqualTo(MainViewModel.DEFAULT_FONT + PresentationViewModel.FONT_STEP_UP);
        p.leave();
        assertThat(p.presentingProperty().get()).isFalse();
        assertThat(layout.settingsShownProperty().get()).isTrue();
        assertThat(font.get()).isEqualTo(MainViewModel.DEFAULT_FONT);
        assertThat(p.lookProperty().get()).isEqualTo(Look.LIGHT);
    }

    @Test
    void goingFullScreenDoesNotUnfoldTheSettings_theSettingsButtonStillDoes() {
        layout.setWindow(1024, font.get()); // narrow: folded
        p.enter();
        layout.setWindow(1920, font.get()); // full screen on a wide screen
        assertThat(layout.settingsShownProperty().get()).isFalse();
        layout.settingsShownProperty().set(true); // the Settings button
        assertThat(layout.settingsShownProperty().get()).isTrue();
        layout.setWindow(1024, font.get()); // back to the window
        p.leave();
        assertThat(layout.settingsShownProperty().get()).isFalse(); // as it was: narrow, folded
    }

    @Test
    void aDarkThemeChosenBeforeOrDuringStays() {
        p.lookProperty().set(Look.PROJECTOR_DARK);
        p.enter();
        assertThat(p.lookProperty().get()).isEqualTo(Look.PROJECTOR_DARK);
        p.leave();
        assertThat(p.lookProperty().get()).isEqualTo(Look.PROJECTOR_DARK);
        p.lookProperty().set(Look.LIGHT);
        p.toggle();
        p.lookProperty().set(Look.PROJECTOR_DARK);
        p.toggle();
        assertThat(p.lookProperty().get()).isEqualTo(Look.PROJECTOR_DARK);
        assertThat(Look.LIGHT.projector()).isFalse();
        assertThat(Look.PROJECTOR_DARK.projector()).isTrue();
    }

    @Test
    void blankingOnlyWhilePresenting_andLeavingShowsTheScreen() {
        p.toggleBlank();
        assertThat(p.blankedProperty().get()).isFalse();
        p.enter();
        p.toggleBlank();
        assertThat(p.blankedProperty().get()).isTrue();
        p.toggleBlank();
        assertThat(p.blankedProperty().get()).isFalse();
        p.toggleBlank();
        p.leave();
        assertThat(p.blankedProperty().get()).isFalse();
    }

    @Test
    void theTextStaysWithinItsLimitsAndComesBackToTheUsersSize() {
        font.set(MainViewModel.DEFAULT_FONT + 2);
        p.enter();
        assertThat(font.get()).isEqualTo(MainViewModel.DEFAULT_FONT + 2 + PresentationViewModel.FONT_STEP_UP);
        p.leave();
        assertThat(font.get()).isEqualTo(MainViewModel.DEFAULT_FONT + 2);
    }

    @Test
    void pageUpMovesTheCursorBackFromItsStepOrFromTheNewest() {
        TimeTravelViewModel time = new TimeTravelViewModel();
        time.stepBack(); // no steps: nothing
        assertThat(time.cursorProperty().get()).isZero();
        time.setSteps(4);
        time.stepBack();
        assertThat(time.cursorProperty().get()).isEqualTo(3);
        time.stepBack();
        time.stepBack();
        time.stepBack();
        assertThat(time.cursorProperty().get()).isEqualTo(1);
    }
}
