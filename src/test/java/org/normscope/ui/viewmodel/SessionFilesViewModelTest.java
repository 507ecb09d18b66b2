package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normscope.preset.PresetLibrary;
import org.normscope.session.Stat;

/** File → Save, Open, Open recent and New, as the window drives them, with no screen. */
class SessionFilesViewModelTest {

    @TempDir
    Path dir;

    @Test
    void aSessionSavedThenChangedOpensAgainAsItWasSavedWithItsView() throws Exception {
        try (Vm w = new Vm()) {
            w.vm.load(PresetLibrary.find("noisy-small-batches"));
            w.vm.step(100);
            w.settle();
            w.vm.time().zoom(50, 0.3);
            w.vm.time().point(42);
            w.vm.charts().histogramChannelProperty().set(2);
            long from = w.vm.time().fromProperty().get();
            long to = w.vm.time().toProperty().get();
            float meanAt42 = w.snap().history().valueAt(Stat.RUNNING_MEAN, 1, 42);
            float[] runningVar = w.snap().runningVar();

            Path file = dir.resolve("lesson");
            assertThat(w.vm.files().saveAs(file).get()).isTrue();
            w.settle();
            Path saved = dir.resolve("lesson.normscope");
            assertThat(saved).isRegularFile();
            assertThat(w.vm.files().fileProperty().get()).isEqualTo(saved);
            assertThat(w.vm.bannerProperty().get()).isEqualTo(UiText.get("session.saved", "lesson.normscope"));

            w.vm.layer().trainingProperty().set(false);
            w.vm.step(30);
            w.vm.layer().resetLayer();
            w.vm.step(5);
            w.settle();
            w.vm.time().showAll();
            assertThat(w.steps()).isEqualTo(5);

            // the opening goes through the window's frames (the session is replaced from the FX thread): pull meanwhile
            var opened = w.vm.files().open(saved);
            w.pullUntil(10, "the file to be opened", opened::isDone);
            assertThat(opened.get()).isTrue();
            w.pullUntil(10, "the opened session on screen", () -> w.steps() == 100
                    && w.vm.time().cursorProperty().get() == 42);
            assertThat(w.snap().training()).isTrue();
            assertThat(w.snap().runningVar()).isEqualTo(runningVar);
            assertThat(w.snap().history().valueAt(Stat.RUNNING_MEAN, 1, 42)).isEqualTo(meanAt42);
            assertThat(w.vm.time().fromProperty().get()).isEqualTo(from);
            assertThat(w.vm.time().toProperty().get()).isEqualTo(to);
            assertThat(w.vm.time().followingProperty().get()).isFalse();
            assertThat(w.vm.charts().histogramChannelProperty().get()).isEqualTo(2);
            assertThat(w.vm.bannerProperty().get()).isEqualTo(UiText.get("session.opened", "lesson.normscope"));
            assertThat(w.vm.files().recentNow()).startsWith(saved.toAbsolutePath().normalize());
            assertThat(w.errors).isEmpty();

            w.vm.newSession();
            w.settle();
            assertThat(w.vm.files().fileProperty().get()).isNull();
            assertThat(w.steps()).isZero();
        }
    }

    @Test
    void aDamagedFileIsRefusedInOneLineAndTheSessionStaysAsItWas() throws Exception {
        try (Vm w = new Vm()) {
            w.vm.step(7);
            w.settle();
            Path bad = dir.resolve("bad.normscope");
            Files.writeString(bad, "not a zip");
            assertThat(w.vm.files().open(bad).get()).isFalse();
            w.settle();
            assertThat(w.steps()).isEqualTo(7);
            assertThat(w.vm.bannerIsErrorProperty().get()).isTrue();
            assertThat(w.vm.bannerProperty().get()).isEqualTo(UiText.get("session.open.failed",
                    bad + ": not a NormScope session (not a zip archive)"));
            assertThat(w.vm.files().fileProperty().get()).isNull();
            assertThat(w.errors).isEmpty();
        }
    }

    @Test
    void savingIntoAFolderThatIsNotThereIsRefusedInOneLine() throws Exception {
        try (Vm w = new Vm()) {
            Path nowhere = dir.resolve("missing/x.normscope");
            assertThat(w.vm.files().saveAs(nowhere).get()).isFalse();
            w.settle();
            assertThat(w.vm.bannerIsErrorProperty().get()).isTrue();
            assertThat(w.vm.bannerProperty().get()).doesNotContain("\n").contains("does not exist");
            assertThat(nowhere).doesNotExist();
        }
    }

    @Test
    void theAutosaveIsWrittenOnlyWhenTheSessionChanged() throws Exception {
        try (Vm w = new Vm()) {
            SessionFilesViewModel.discardAutosave();
            w.vm.step(3);
            w.settle();
            var first = w.vm.files().autosave();
            assertThat(first).isNotNull();
            first.get();
            w.settle();
            assertThat(SessionFilesViewModel.autosaveLeft()).isTrue();
            assertThat(w.vm.files().autosave()).isNull(); // nothing changed since
            w.vm.step();
            w.settle();
            w.vm.files().autosave().get();
            w.settle();
            assertThat(org.normscope.sessionfile.SessionFile.open(SessionFilesViewModel.autosaveFile()).state().step())
                    .isEqualTo(4);
            SessionFilesViewModel.discardAutosave();
            assertThat(SessionFilesViewModel.autosaveLeft()).isFalse();
        }
    }

    @Test
    void aFileTheWindowStartsWithIsOpenedUnlessTheAutosaveWasRestored() throws Exception {
        try (Vm w = new Vm()) {
            w.vm.step(12);
            w.settle();
            Path saved = dir.resolve("start.normscope");
            assertThat(w.vm.files().saveAs(saved).get()).isTrue();
            w.vm.step(3);
            w.settle();

            // the autosave was restored: the file is not opened over it, but offered first in Open recent
            w.vm.files().openAtStart(saved, true);
            w.settle();
            assertThat(w.steps()).isEqualTo(15);
            assertThat(w.vm.bannerProperty().get()).isEqualTo(UiText.get("session.kept_for_later", "start.normscope"));
            assertThat(w.vm.bannerIsErrorProperty().get()).isFalse();
            assertThat(w.vm.files().recentNow()).startsWith(saved.toAbsolutePath().normalize());

            // no autosave (or it was declined): the file opens
            w.vm.files().openAtStart(saved, false);
            // its session is on screen (step 12) a frame before the opening is announced: wait for both
            String opened = UiText.get("session.opened", "start.normscope");
            w.pullUntil(10, "the start file on screen", () -> w.steps() == 12
                    && opened.equals(w.vm.bannerProperty().get()));
            assertThat(w.vm.files().fileProperty().get()).isEqualTo(saved);
            assertThat(w.vm.bannerProperty().get()).isEqualTo(UiText.get("session.opened", "start.normscope"));

            w.vm.files().openAtStart(null, false); // started without a file: nothing happens
            w.settle();
            assertThat(w.steps()).isEqualTo(12);
            assertThat(w.errors).isEmpty();
        }
    }

    @Test
    void aNameWithoutTheExtensionGetsIt() {
        assertThat(SessionFilesViewModel.withExtension(Path.of("a/b"))).isEqualTo(Path.of("a/b.normscope"));
        assertThat(SessionFilesViewModel.withExtension(Path.of("a/b.NormScope"))).isEqualTo(Path.of("a/b.NormScope"));
        assertThat(List.of()).isEmpty();
    }
}
