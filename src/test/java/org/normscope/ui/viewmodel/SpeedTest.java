package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The speed chooser's labels, in the window's language. */
class SpeedTest {

    @AfterEach
    void back() {
        UiLocale.set(UiLocale.ENGLISH);
    }

    @Test
    void theLabelsAreInTheCurrentLanguage() {
        UiLocale.set(UiLocale.ENGLISH);
        assertThat(Speed.CHOICES).extracting(Speed::toString).containsExactly("1 step/s", "2 steps/s", "5 steps/s",
                "10 steps/s", "25 steps/s", "100 steps/s", "1000 steps/s", "as fast as possible");
        assertThat(Speed.CHOICES).allSatisfy(s -> assertThat(s.toString()).isEqualTo(s.label()));

        UiLocale.set(UiLocale.CHINESE);
        assertThat(Speed.DEFAULT.toString()).isEqualTo("5 步/秒");
        assertThat(Speed.CHOICES.get(6).toString()).isEqualTo("1000 步/秒");
        assertThat(Speed.CHOICES.get(7).toString()).isEqualTo("尽可能快");
    }
}
