package org.normscope.ui.view;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.normscope.ui.viewmodel.MainViewModel;
import org.normscope.ui.viewmodel.SessionFilesViewModel;
import org.normscope.ui.viewmodel.UiText;

/**
 * The File menu's session items (New, Open…, Open recent, Save, Save as…) and dropping a
 * session file on the window: the file choosers, and nothing else; what happens is
 * {@link SessionFilesViewModel}'s.
 */
final class SessionFileMenu {

    private final MainViewModel model;
    private final Supplier<Window> owner;

    SessionFileMenu(MainViewModel model, Supplier<Window> owner) {
        this.model = model;
        this.owner = owner;
    }

    /** The items, in menu order. */
    List<MenuItem> items() {
        SessionFilesViewModel files = model.files();
        MenuItem newSession = new MenuItem(UiText.get("menu.session.new"));
        newSession.setId("session-new");
        newSession.setAccelerator(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN));
        newSession.setOnAction(e -> model.newSession());
        MenuItem open = new MenuItem(UiText.get("menu.session.open"));
        open.setId("session-open");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(e -> {
            File f = chooser(UiText.get("menu.session.open")).showOpenDialog(owner.get());
            if (f != null) {
                files.open(f.toPath());
            }
        });
        Menu recent = new Menu(UiText.get("menu.session.recent"));
        recent.setId("session-recent");
        fillRecent(recent, files);
        files.recent().addListener((ListChangeListener<Path>) c -> fillRecent(recent, files));
        MenuItem save = new MenuItem(UiText.get("menu.session.save"));
        save.setId("session-save");
        save.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN));
        save.setOnAction(e -> {
            if (!files.save()) {
                saveAs();
            }
        });
        MenuItem saveAs = new MenuItem(UiText.get("menu.session.save.as"));
        saveAs.setId("session-save-as");
        saveAs.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        saveAs.setOnAction(e -> saveAs());
        for (MenuItem m : List.of(newSession, open, recent, save, saveAs)) {
            m.setMnemonicParsing(false);
        }
        return List.of(newSession, open, recent, save, saveAs);
    }

    private void saveAs() {
        FileChooser chooser = chooser(UiText.get("menu.session.save.as"));
        Path current = model.files().fileProperty().get();
        chooser.setInitialFileName(current == null ? "session" + SessionFilesViewModel.EXTENSION : current.getFileName().toString());
        if (current != null && current.getParent() != null && Files.isDirectory(current.getParent())) {
            chooser.setInitialDirectory(current.getParent().toFile());
        }
        File f = chooser.showSaveDialog(owner.get());
        if (f != null) {
            model.files().saveAs(f.toPath());
        }
    }

    private static FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(UiText.get("session.file.kind"),
                "*" + SessionFilesViewModel.EXTENSION));
        return chooser;
    }

    private static void fillRecent(Menu recent, SessionFilesViewModel files) {
        recent.getItems().clear();
        for (Path p : files.recentNow()) {
            MenuItem item = new MenuItem(p.getFileName() + "  \u2014  " + p.getParent());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> files.open(p));
            recent.getItems().add(item);
        }
        recent.setDisable(recent.getItems().isEmpty());
    }

    /** Opens a session file dropped on the window (the first one, if several are). */
    static void acceptDrops(Scene scene, MainViewModel model) {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().stream().anyMatch(SessionFileMenu::isSession)) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            boolean done = false;
            if (e.getDragboard().hasFiles()) {
                for (File f : e.getDragboard().getFiles()) {
                    if (isSession(f)) {
                        model.files().open(f.toPath());
                        done = true;
                        break;
                    }
                }
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }

    private static boolean isSession(File f) {
        return f.getName().toLowerCase(java.util.Locale.ROOT).endsWith(SessionFilesViewModel.EXTENSION);
    }
}
