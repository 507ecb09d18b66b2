package org.normscope.ui.app;

import org.normscope.ui.viewmodel.UiLocale;
import org.normscope.ui.viewmodel.SessionFilesViewModel;
import org.normscope.ui.viewmodel.UiText;

import java.io.File;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.normscope.preset.Preset;
import org.normscope.preset.PresetLibrary;
import org.normscope.ui.view.MainWindow;
import org.normscope.ui.viewmodel.MainViewModel;

/** The desktop app: one main window on the built-in presets, opening with the notebook's. */
public final class NormScopeApp extends Application {

    private MainViewModel model;
    private MainWindow window;
    private javafx.animation.Timeline autosave;

    /** The user's preferences key of the window's language ({@code en} or {@code zh-CN}). */
    private static final String LANGUAGE_KEY = "language";

    /** Opens the window and returns when it is closed; {@code args} may name a session file to open. */
    public static void launchApp(String... args) {
        Application.launch(NormScopeApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Theme.apply();
        java.util.prefs.Preferences prefs = java.util.prefs.Preferences.userNodeForPackage(NormScopeApp.class);
        String remembered = prefs.get(LANGUAGE_KEY, null);
        try {
            UiLocale.set(remembered == null ? UiLocale.fromSystem(java.util.Locale.getDefault())
                    : UiLocale.parse(remembered));
        } catch (IllegalArgumentException e) {
            UiLocale.set(UiLocale.fromSystem(java.util.Locale.getDefault()));
        }
        model = new MainViewModel(loadPresets()); // with the user's presets from UserDirs.presets()
        model.userPresets().reportProblems(); // a bad file there: one line each in the banner
        window = new MainWindow(model);
        install(stage, model, window);
        // View → Language rebuilds the window: keep the new one (to stop it on closing) and the choice
        window.setOnLanguageChosen(l -> prefs.put(LANGUAGE_KEY, UiLocale.tag(l)));
        window.addOnRebuilt(w -> window = w);
        PlacementMemory.place(stage, MainWindow.WIDTH, MainWindow.HEIGHT, pointer().getX(), pointer().getY());
        boolean crashed = SessionFilesViewModel.autosaveLeft();
        java.nio.file.Path startFile = getParameters().getRaw().isEmpty() ? null
                : java.nio.file.Path.of(getParameters().getRaw().get(0));
        stage.show();
        if (crashed) {
            Platform.runLater(() -> model.files().openAtStart(startFile, offerAutosave(stage)));
        } else {
            model.files().openAtStart(startFile, false);
        }
        startAutosave();
    }

    /** Every {@value SessionFilesViewModel#AUTOSAVE_SECONDS} s, the session is saved if it changed; a clean exit deletes it. */
    private void startAutosave() {
        autosave = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                javafx.util.Duration.seconds(SessionFilesViewModel.AUTOSAVE_SECONDS), e -> model.files().autosave()));
        autosave.setCycleCount(javafx.animation.Animation.INDEFINITE);
        autosave.play();
    }

    /** What a NormScope that did not exit cleanly left: restore it (true), or start afresh and forget it. */
    private boolean offerAutosave(Stage stage) {
        javafx.scene.control.ButtonType restore = new javafx.scene.control.ButtonType(UiText.get("autosave.restore"),
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        javafx.scene.control.ButtonType discard = new javafx.scene.control.ButtonType(UiText.get("autosave.discard"),
                javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE);
        javafx.scene.control.Alert ask = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                UiText.get("autosave.text"), restore, discard);
        ask.initOwner(stage);
        ask.setTitle(UiText.get("autosave.title"));
        ask.setHeaderText(UiText.get("autosave.header"));
        if (ask.showAndWait().orElse(discard) == restore) {
            model.files().restoreAutosave();
            return true;
        }
        SessionFilesViewModel.discardAutosave();
        return false;
    }

    /** Puts a window on a stage: title, size, error handling, figure export, clean closing. */
    public static Scene install(Stage stage, MainViewModel model, MainWindow window) {
        model.setErrorHandler(e -> ErrorDialog.show(e, stage));
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> ErrorDialog.show(e, stage));
        window.setFigureExporter(node -> {
            File file = MainWindow.choosePng(stage, "normscope-figure.png");
            if (file != null) {
                try {
                    Figures.writePng(node, file);
                } catch (Exception e) {
                    ErrorDialog.show(e, stage);
                }
            }
        });
        window.setCsvExporter((history, stat, stepsPerRow, from, to) -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle(UiText.get("menu.export.csv"));
            chooser.setInitialFileName("normscope-" + stat.label().replace(' ', '_').replaceAll("[()]", "") + ".csv");
            chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("CSV", "*.csv"));
            File file = chooser.showSaveDialog(stage);
            if (file != null) {
                HistoryExport.writeInBackground(history, stat, stepsPerRow, from, to, file,
                        done -> Platform.runLater(() -> model.tell(done)),
                        e -> ErrorDialog.show(e, stage));
            }
        });
        window.setSessionExporter(script -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle(UiText.get(script ? "export.script.title" : "export.scenario.title"));
            chooser.setInitialFileName(script ? "normscope_session.py" : "normscope-session.json");
            chooser.getExtensionFilters().add(script
                    ? new javafx.stage.FileChooser.ExtensionFilter("Python", "*.py")
                    : new javafx.stage.FileChooser.ExtensionFilter("JSON", "*.json"));
            File file = chooser.showSaveDialog(stage);
            if (file != null) {
                model.sessionScenario().whenComplete((export, error) -> {
                    if (error != null) {
                        ErrorDialog.show(error, stage);
                        return;
                    }
                    SessionFiles.writeInBackground(export, script, file,
                            done -> Platform.runLater(() -> model.tell(done)),
                            e -> Platform.runLater(() -> model.tell(UiText.get("export.failed", file.getName(),
                                    e.getMessage()))));
                });
            }
        });
        Scene scene = window.createScene(MainWindow.WIDTH, MainWindow.HEIGHT);
        stage.setScene(scene);
        Runnable title = () -> {
            java.nio.file.Path f = model.files().fileProperty().get();
            stage.setTitle(f == null ? UiText.get("app.title") : f.getFileName() + " \u2014 " + UiText.get("app.title"));
        };
        title.run();
        model.files().fileProperty().addListener((o, a, b) -> title.run());
        MainWindow[] current = {window};
        window.addOnRebuilt(w -> {
            current[0] = w;
            title.run();
        });
        stage.setMinWidth(WindowPlacement.MIN_WIDTH);
        stage.setMinHeight(WindowPlacement.MIN_HEIGHT);
        stage.setOnHidden(e -> {
            current[0].stop();
            model.close();
        });
        return scene;
    }

    /** Where the pointer is, to open on its screen; the primary screen's corner where that cannot be asked. */
    private static javafx.geometry.Point2D pointer() {
        try {
            return new javafx.scene.robot.Robot().getMousePosition();
        } catch (RuntimeException e) { // no robot on this platform
            javafx.geometry.Rectangle2D b = javafx.stage.Screen.getPrimary().getVisualBounds();
            return new javafx.geometry.Point2D(b.getMinX(), b.getMinY());
        }
    }

    static List<Preset> loadPresets() {
        try {
            return PresetLibrary.builtIn();
        } catch (RuntimeException e) {
            // A broken preset file must not keep the app from opening: start on the notebook's session.
            System.err.println("normscope: the built-in presets could not be read: " + e.getMessage());
            return List.of();
        }
    }

    @Override
    public void stop() {
        if (autosave != null) {
            autosave.stop();
            model.files().closeAndDiscardAutosave(); // a clean exit: nothing to restore at the next start
        }
        if (window != null) {
            window.stop();
        }
        if (model != null) {
            model.close();
        }
    }
}
