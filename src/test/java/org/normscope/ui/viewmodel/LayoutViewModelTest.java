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
}
