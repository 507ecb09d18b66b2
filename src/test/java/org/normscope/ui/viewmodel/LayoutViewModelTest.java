package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LayoutViewModelTest {

    private final LayoutViewModel layout = new LayoutViewModel();

    @Test
    void aNarrowWindowFoldsTheSettingsAndAWideOneUnfoldsThem() {
        layout.setWindow(1600, 15);
        assertThat(layout.settingsShownProperty().get()).isTrue();
        layout.setWindow(1024, 15);
        assertThat(layout.narrowProperty().get()).isTrue();
        assertThat(layout.settingsShownProperty().get()).isFalse();
        layout.setWindow(1280, 15);
        assertThat(layout.settingsShownProperty().get()).isTrue();
    }

    @Test
    void aRootNotLaidOutYetDoesNotFoldTheSettings() {
        layout.setWindow(1600, 15);
        layout.setWindow(0, 15); // the new root View → Language builds, before its first layout
        assertThat(layout.narrowProperty().get()).isFalse();
        assertThat(layout.settingsShownProperty().get()).isTrue();
    }

    @Test
    void largerTextMakesTheSameWindowNarrow() {
        layout.setWindow(1280, 15);
        assertThat(layout.narrowProperty().get()).isFalse();
        layout.setWindow(1280, 23);
        assertThat(layout.narrowProperty().get()).isTrue();
        assertThat(layout.settingsShownProperty().get()).isFalse();
    }

    @Test
    void theUsersChoiceHoldsUntilTheWindowCrossesTheLine() {
        layout.setWindow(1024, 15);
        layout.settingsShownProperty().set(true); // the Settings button
        layout.setWindow(1100, 15);
        assertThat(layout.settingsShownProperty().get()).isTrue();
        layout.setWindow(1400, 15);
        layout.settingsShownProperty().set(false);
        layout.setWindow(1500, 15);
        assertThat(layout.settingsShownProperty().get()).isFalse();
    }

    @Test
    void aNarrowChartsAreaPutsTheRightColumnInATabAndLargerTextNarrowsIt() {
        layout.setChartsWidth(1024, 15);
        assertThat(layout.tabbedProperty().get()).isFalse();
        layout.setChartsWidth(640, 15); // 1024 px with the settings shown
        assertThat(layout.tabbedProperty().get()).isTrue();
        layout.setChartsWidth(1024, 22); // 698 effective px
        assertThat(layout.tabbedProperty().get()).isTrue();
        layout.setChartsWidth(1280, 22);
        assertThat(layout.tabbedProperty().get()).isFalse();
    }

    @Test
    void aShortWindowFoldsTheConsoleAndLargerTextShortensIt() {
        layout.setHeight(720, 15);
        assertThat(layout.shortProperty().get()).isFalse();
        layout.setHeight(720, 22); // 491 effective px
        assertThat(layout.shortProperty().get()).isTrue();
        layout.setHeight(1080, 22);
        assertThat(layout.shortProperty().get()).isFalse();
        layout.setHeight(600, 15);
        assertThat(layout.shortProperty().get()).isTrue();
    }

    @Test
    void belowEightHundredTheTableOfValuesLeavesTheHistograms() {
        layout.setHeight(800, 15);
        assertThat(layout.valuesDockedProperty().get()).isFalse();
        layout.setHeight(768, 15);
        assertThat(layout.valuesDockedProperty().get()).isTrue();
        assertThat(layout.shortProperty().get()).isFalse();
        layout.setHeight(1080, 22); // 736 effective px
        assertThat(layout.valuesDockedProperty().get()).isTrue();
    }
}
