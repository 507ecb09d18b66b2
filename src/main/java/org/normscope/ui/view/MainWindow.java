package org.normscope.ui.view;

import org.normscope.ui.viewmodel.UiLocale;
import org.normscope.ui.viewmodel.UiText;

import java.io.File;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.controlsfx.validation.ValidationSupport;
import org.normscope.ui.viewmodel.MainViewModel;

/**
 * NormScope's main window, built in code on a {@link MainViewModel}: toolbar (mode, stepping,
 * presets), banner, settings on the left, charts in the middle, console beneath, status bar.
 * A frame timer takes the newest session snapshot once per frame; nothing here waits for
 * the engine.
 */
public final class MainWindow {

    /** The default window size; everything stays readable down to 1280×800. */
    public static final double WIDTH = 1600;
    public static final double HEIGHT = 1000;

    private final MainViewModel model;
    private final BorderPane root = new BorderPane();
    private final ChartsPane charts;
    private final InputPane inputPane;
    private final AnimationTimer frames;
    private final ValidationSupport validation = new ValidationSupport();
    private Consumer<Node> figureExporter = node -> { };
    private final Region blank = new Region();
    private final javafx.beans.value.ChangeListener<Number> snapshots;

    public MainWindow(MainViewModel model) {
        this.model = model;
        keys = new WindowKeys(this)::onKey;
        root.getStyleClass().add("normscope");
        if (UiLocale.chinese()) {
            // the system's CJK fonts first, the bundled one as the fallback (CSS and the canvas charts)
            org.normscope.ui.chart.CanvasChart.setTextFamily(CjkFont.preferredFamily());
            root.getStyleClass().add("lang-zh");
        } else {
            org.normscope.ui.chart.CanvasChart.setTextFamily(null);
        }
        root.getStylesheets().add(MainWindow.class.getResource("/css/normscope.css").toExternalForm());
        org.normscope.ui.chart.ChartWords.use(MainWindow::chartWords);

        LayerPane layerPane = new LayerPane(model.layer(), validation);
        inputPane = new InputPane(model.input(), validation);
        VBox settings = new VBox(6, new PresetPane(model), new Separator(), layerPane, new Separator(), inputPane);
        ScrollPane settingsScroll = new ScrollPane(settings);
        settingsScroll.setFitToWidth(true);
        settingsScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        settingsScroll.setMinWidth(390);
        settingsScroll.setPrefWidth(410);

        charts = new ChartsPane(model.charts(), model.time(), model::printCursorStep, validation, model.explain(),
                model.fontSizeProperty());
        ConsolePane console = new ConsolePane(model.console(), model.fontSizeProperty());
        CentreSplit centre = new CentreSplit(charts, consoleAndCode(console), model.layout().shortProperty());
        charts.tabbedProperty().bind(model.layout().tabbedProperty());
        charts.widthProperty().addListener((o, a, w) -> model.layout().setChartsWidth(w.doubleValue(),
                model.fontSizeProperty().get()));
        // the lesson panel, when a lesson is open, sits above the settings: the charts keep their width
        LessonPane lessonPane = new LessonPane(model.lesson());
        VBox left = new VBox(lessonPane, settingsScroll);
        VBox.setVgrow(settingsScroll, Priority.ALWAYS);
        // the settings take what the lesson leaves (they scroll): their content's own height would squeeze it
        settingsScroll.setPrefHeight(120);
        settingsScroll.setMinHeight(120);
        left.setMinWidth(390);
        left.setPrefWidth(410);
        SplitPane main = new SplitPane(left, centre);
        main.setDividerPositions(0.26);
        SplitPane.setResizableWithParent(left, false);
        // a narrow window folds the settings (and the lesson panel above them) away; the toolbar's
        // Settings button shows them again
        model.layout().settingsShownProperty().addListener((o, a, shown) -> {
            if (shown && !main.getItems().contains(left)) {
                main.getItems().add(0, left);
                main.setDividerPositions(0.26);
            } else if (!shown) {
                main.getItems().remove(left);
            }
        });
        if (!model.layout().settingsShownProperty().get()) { // folded before the window was built (presentation)
            main.getItems().remove(left);
        }
        root.widthProperty().addListener((o, a, w) -> model.layout().setWindow(w.doubleValue(),
                model.fontSizeProperty().get()));
        root.heightProperty().addListener((o, a, h) -> model.layout().setHeight(h.doubleValue(),
                model.fontSizeProperty().get()));
        model.fontSizeProperty().addListener((o, a, f) -> {
            model.layout().setWindow(root.getWidth(), f.doubleValue());
            model.layout().setHeight(root.getHeight(), f.doubleValue());
            model.layout().setChartsWidth(charts.getWidth(), f.doubleValue());
        });

        VBox top = new VBox(menuBar(), MainToolbar.create(model, root.widthProperty()), BannerBar.create(model),
                new PredictPane(model.predict()));
        root.setTop(top);
        root.setCenter(main);
        // a reveal opens the Explain pane (the view model points it at the step's channel)
        model.predict().revealsProperty().addListener((o, a, b) -> charts.showExplain());
        root.setBottom(new StatusBar(model.status(), model.playback()::stopWork));

        root.styleProperty().bind(model.fontSizeProperty().asString(java.util.Locale.ROOT, "-fx-font-size: %.0fpx;"));
        model.fontSizeProperty().addListener((o, a, size) -> charts.setFontScale(size.doubleValue()
                / MainViewModel.DEFAULT_FONT));
        charts.setFontScale(model.fontSizeProperty().get() / MainViewModel.DEFAULT_FONT);

        snapshots = (o, a, count) -> { // the count changes with every snapshot: a change, not an invalidation
            inputPane.showChannels(model.charts().shownChannels());
            charts.show(model.playback().isRefreshLimited());
        };
        model.snapshotsShownProperty().addListener(snapshots);
        if (!model.layout().settingsShownProperty().get()) {
            main.getItems().remove(left);
        }
        if (model.charts().hasSnapshot()) {
            inputPane.showChannels(model.charts().shownChannels());
            charts.show(false);
        }
        // presentation mode: B blanks the screen with a black overlay above everything
        blank.setId("blank");
        blank.setStyle("-fx-background-color: black;");
        blank.setManaged(false);
        blank.visibleProperty().bind(model.presentation().blankedProperty());
        root.getChildren().add(blank);
        root.layoutBoundsProperty().addListener((o, a, b) -> blank.resizeRelocate(0, 0, b.getWidth(), b.getHeight()));
        blank.visibleProperty().addListener((o, a, on) -> {
            if (on) {
                blank.toFront();
                blank.resizeRelocate(0, 0, root.getWidth(), root.getHeight());
            }
        });
        model.presentation().lookProperty().addListener((o, a, look) -> applyLook());
        model.presentation().presentingProperty().addListener((o, a, on) -> applyFullScreen(on));
        // presenting: the table of values folds away, so that the histograms keep their height
        charts.compactProperty().bind(model.presentation().presentingProperty()
                .or(model.layout().valuesDockedProperty()));
        applyLook();

        frames = new AnimationTimer() {
            @Override
            public void handle(long now) {
                model.pull();
                charts.frame(model.playback()::heavyFrame);
            }
        };
    }

    /** The console and, in a tab beside it, the session as PyTorch code. */
    private javafx.scene.control.TabPane consoleAndCode(ConsolePane console) {
        javafx.scene.control.Tab consoleTab = new javafx.scene.control.Tab(UiText.get("console.tab"), console);
        javafx.scene.control.Tab codeTab = new javafx.scene.control.Tab(UiText.get("code.tab"), new CodePane(model.code()));
        codeTab.setId("code-tab");
        for (javafx.scene.control.Tab t : new javafx.scene.control.Tab[] {consoleTab, codeTab}) {
            t.setClosable(false);
        }
        codeTab.selectedProperty().addListener((o, a, on) -> model.code().setShown(on));
        javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane(consoleTab, codeTab);
        tabs.setId("console-tabs");
        return tabs;
    }

    /** The charts' own words of the last language asked for: read from the bundle once per language, not per redraw. */
    private static volatile ChartWordsIn chartWords;

    private record ChartWordsIn(java.util.Locale locale, org.normscope.ui.chart.ChartWords words) {
    }

    /** The charts' own words in the current language (asked at every chart's redraw). */
    private static org.normscope.ui.chart.ChartWords chartWords() {
        ChartWordsIn cached = chartWords;
        if (cached == null || !cached.locale().equals(UiLocale.current())) {
            cached = new ChartWordsIn(UiLocale.current(), new org.normscope.ui.chart.ChartWords(
                    UiText.get("charts.words.more"), UiText.get("charts.words.no.values"),
                    UiText.get("charts.words.too.small"), UiText.get("charts.words.median"),
                    UiText.get("charts.words.min"), UiText.get("charts.words.max")));
            chartWords = cached;
        }
        return cached.words();
    }

    /** Shows the Explain pane in place of the histograms (the screenshot command's {@code --explain}). */
    public void showExplain(int channel) {
        charts.showExplain();
        model.explain().pointAt(channel);
    }

    /** A scene of the default size with the keys installed; starts taking frames. */
    public Scene createScene(double width, double height) {
        Scene scene = new Scene(root, width, height);
        attach(scene);
        SessionFileMenu.acceptDrops(scene, model);
        // leaving full screen by the window manager's means leaves presentation mode too
        scene.windowProperty().addListener((o, a, w) -> {
            if (w instanceof javafx.stage.Stage stage) {
                stage.fullScreenProperty().addListener((ob, was, full) -> {
                    if (!full) {
                        model.presentation().leave();
                    }
                });
            }
        });
        return scene;
    }

    private final javafx.event.EventHandler<KeyEvent> keys;
    // Ctrl + the mouse wheel sizes the text, as in a browser (the charts' own wheel zoom is without Ctrl)
    private final javafx.event.EventHandler<javafx.scene.input.ScrollEvent> wheel = this::onWheel;

    private void onWheel(javafx.scene.input.ScrollEvent e) {
        if (e.isShortcutDown() && e.getDeltaY() != 0) {
            if (e.getDeltaY() > 0) {
                model.fontSize().bigger();
            } else {
                model.fontSize().smaller();
            }
            e.consume();
        }
    }

    /** Makes this window the scene's content: its root, its keys, its frames. */
    private void attach(Scene scene) {
        scene.setRoot(root);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, keys);
        scene.addEventFilter(javafx.scene.input.ScrollEvent.SCROLL, wheel);
        applyLook();
        frames.start();
    }


    /**
     * The window's look: AtlantaFX's Primer Dark on this scene for the dark projector theme (else
     * the application's Primer Light), the projector style class, and the charts' theme.
     */
    private void applyLook() {
        org.normscope.ui.viewmodel.PresentationViewModel.Look look = model.presentation().lookProperty().get();
        root.getStyleClass().removeAll("projector", "projector-dark");
        if (look.projector()) {
            root.getStyleClass().add("projector");
        }
        if (look == org.normscope.ui.viewmodel.PresentationViewModel.Look.PROJECTOR_DARK) {
            root.getStyleClass().add("projector-dark");
        }
        if (root.getScene() != null) {
            root.getScene().setUserAgentStylesheet(look == org.normscope.ui.viewmodel.PresentationViewModel.Look.PROJECTOR_DARK
                    ? new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet() : null);
        }
        charts.setChartTheme(switch (look) {
            case LIGHT -> org.normscope.ui.chart.ChartTheme.LIGHT;
            case PROJECTOR_LIGHT -> org.normscope.ui.chart.ChartTheme.PROJECTOR_LIGHT;
            case PROJECTOR_DARK -> org.normscope.ui.chart.ChartTheme.PROJECTOR_DARK;
        });
    }

    /** Full screen while presenting: no JavaFX hint or exit key (Esc is the app's: it stops work first). */
    private void applyFullScreen(boolean on) {
        if (root.getScene() != null && root.getScene().getWindow() instanceof javafx.stage.Stage stage) {
            stage.setFullScreenExitHint("");
            stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
            stage.setFullScreen(on);
        }
    }

    /** Stops taking frames (the window is closing). */
    public void stop() {
        frames.stop();
    }

    /** Called with the new window after View → Language rebuilt it (the app keeps it, to stop it on closing). */
    private Consumer<MainWindow> rebuilt = w -> { };

    /** Called with the chosen language (the app remembers it in the user's preferences). */
    private Consumer<java.util.Locale> languageChosen = l -> { };

    /** Adds a listener of View → Language's rebuilding (each gets the new window). */
    public void addOnRebuilt(Consumer<MainWindow> listener) {
        rebuilt = rebuilt.andThen(listener);
    }

    public void setOnLanguageChosen(Consumer<java.util.Locale> listener) {
        languageChosen = listener;
    }

    /**
     * View → Language: every text comes in {@code locale} at once. The view models re-read their
     * texts and a new window is built on the same view model in this one's place; the session,
     * its history and the step count stay.
     */
    public MainWindow switchLanguage(java.util.Locale locale) {
        model.setLanguage(locale);
        Scene scene = root.getScene();
        MainWindow next = new MainWindow(model);
        next.figureExporter = figureExporter;
        next.csvExporter = csvExporter;
        next.sessionExporter = sessionExporter;
        next.rebuilt = rebuilt;
        next.languageChosen = languageChosen;
        next.presetFileChooser = presetFileChooser;
        stop();
        model.snapshotsShownProperty().removeListener(snapshots);
        presetsMenu.detach();
        if (scene != null) {
            scene.removeEventFilter(KeyEvent.KEY_PRESSED, keys);
            scene.removeEventFilter(javafx.scene.input.ScrollEvent.SCROLL, wheel);
            next.attach(scene);
        }
        AxisExplorerWindow.rebuild(model, figureExporter);
        languageChosen.accept(UiLocale.current());
        rebuilt.accept(next);
        return next;
    }

    /** View → Language: English, 简体中文 (each language's name in its own language). */
    private Menu languageMenu() {
        Menu language = new Menu(UiText.get("menu.language"));
        language.setId("language-menu");
        ToggleGroup group = new ToggleGroup();
        for (java.util.Locale l : UiLocale.CHOICES) {
            javafx.scene.control.RadioMenuItem item = new javafx.scene.control.RadioMenuItem(
                    UiText.get(UiLocale.isChinese(l) ? "language.zh" : "language.en"));
            item.setId("language-" + UiLocale.tag(l));
            item.setMnemonicParsing(false);
            item.setToggleGroup(group);
            item.setSelected(l.equals(UiLocale.current()));
            item.setOnAction(e -> {
                if (!l.equals(UiLocale.current())) {
                    switchLanguage(l);
                }
            });
            language.getItems().add(item);
        }
        return language;
    }

    /** The view model this window shows. */
    MainViewModel model() {
        return model;
    }

    public Parent root() {
        return root;
    }

    /** The running_mean chart, the running_var chart and the histograms, for exporting one. */
    public Node meanChart() {
        return charts.meanChart();
    }

    public Node varChart() {
        return charts.varChart();
    }

    public Node histograms() {
        return charts.histograms();
    }

    private org.normscope.ui.viewmodel.CsvExportViewModel.Exporter csvExporter = (h, stat, rows, from, to) -> { };

    /** Writes the session to a file the user picks: as a PyTorch script, or as a scenario. */
    @FunctionalInterface
    public interface SessionExporter {
        void export(boolean script);
    }

    private SessionExporter sessionExporter = script -> { };

    /** What File → Export as PyTorch script… and Export as scenario… do. */
    public void setSessionExporter(SessionExporter exporter) {
        sessionExporter = exporter;
    }

    /** What File → Export history as CSV does with the user's choice. */
    public void setCsvExporter(org.normscope.ui.viewmodel.CsvExportViewModel.Exporter exporter) {
        csvExporter = exporter;
    }

    /** What File → Export does with the chosen node (the app writes a PNG). */
    public void setFigureExporter(Consumer<Node> exporter) {
        figureExporter = exporter;
    }

    /** Asks for the step to run to; a good one starts the run (see {@link RunToDialog}). */
    void askRunTo() {
        model.runToStep().ask();
        RunToDialog.ask(root.getScene() == null ? null : root.getScene().getWindow(), model);
    }

    /** Help → Keyboard shortcuts (F1). */
    void showShortcuts() {
        HelpDialogs.shortcuts(root.getScene().getWindow()).show();
    }

    private void exportSession(boolean script) {
        if (model.stepCountProperty().get() == 0) {
            model.tell(UiText.get("export.nothing"));
            return;
        }
        sessionExporter.export(script);
    }

    private MenuBar menuBar() {
        MenuItem exportWindow = new MenuItem(UiText.get("menu.export.window"));
        exportWindow.setOnAction(e -> figureExporter.accept(root));
        MenuItem exportMean = new MenuItem(UiText.get("menu.export.mean"));
        exportMean.setOnAction(e -> figureExporter.accept(charts.meanChart()));
        MenuItem exportVar = new MenuItem(UiText.get("menu.export.var"));
        exportVar.setOnAction(e -> figureExporter.accept(charts.varChart()));
        MenuItem exportHist = new MenuItem(UiText.get("menu.export.histograms"));
        exportHist.setOnAction(e -> figureExporter.accept(charts.histograms()));
        for (MenuItem m : new MenuItem[] {exportWindow, exportMean, exportVar, exportHist}) {
            m.setMnemonicParsing(false);
        }
        MenuItem exportCsv = new MenuItem(UiText.get("menu.export.csv"));
        exportCsv.setId("export-csv");
        exportCsv.setOnAction(e -> {
            org.normscope.ui.viewmodel.CsvExportViewModel export = model.csvExport();
            if (export == null) {
                model.tell(UiText.get("export.nothing"));
                return;
            }
            CsvExportDialog.ask(root.getScene().getWindow(), export, csvExporter);
        });
        MenuItem exportScript = new MenuItem(UiText.get("menu.export.script"));
        exportScript.setId("export-script");
        exportScript.setOnAction(e -> exportSession(true));
        MenuItem exportScenario = new MenuItem(UiText.get("menu.export.scenario"));
        exportScenario.setId("export-scenario");
        exportScenario.setOnAction(e -> exportSession(false));
        MenuItem quit = new MenuItem(UiText.get("menu.quit"));
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> {
            Window w = root.getScene().getWindow();
            w.fireEvent(new javafx.stage.WindowEvent(w, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
        });
        Menu file = new Menu(UiText.get("menu.file"));
        file.getItems().addAll(new SessionFileMenu(model, () -> root.getScene().getWindow()).items());
        file.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), exportWindow, exportMean, exportVar,
                exportHist, exportCsv, new javafx.scene.control.SeparatorMenuItem(), exportScript, exportScenario,
                new javafx.scene.control.SeparatorMenuItem(), quit);
        file.setId("file-menu");

        presetsMenu = new PresetsMenu(model, () -> root.getScene() == null ? null : root.getScene().getWindow(),
                owner -> presetFileChooser.apply(owner));
        Menu presets = presetsMenu.menu();

        Menu lessons = new Menu(UiText.get("menu.lessons"));
        lessons.setId("lessons-menu");
        for (org.normscope.lesson.Lesson l : model.lesson().lessons()) {
            MenuItem item = new MenuItem(UiLocale.chinese() ? l.title().zhCn() : l.title().en());
            item.setId("lesson-" + l.id());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> model.lesson().open(l));
            lessons.getItems().add(item);
        }
        MenuItem showLesson = new MenuItem(UiText.get("menu.lessons.show"));
        showLesson.setOnAction(e -> model.lesson().show());
        showLesson.disableProperty().bind(model.lesson().lessonProperty().isNull());
        lessons.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), showLesson);

        MenuItem bigger = new MenuItem(UiText.get("menu.view.bigger"));
        bigger.setOnAction(e -> model.fontSize().bigger());
        MenuItem smaller = new MenuItem(UiText.get("menu.view.smaller"));
        smaller.setOnAction(e -> model.fontSize().smaller());
        MenuItem normal = new MenuItem(UiText.get("menu.view.normal"));
        normal.setOnAction(e -> model.fontSize().reset());
        MenuItem present = new MenuItem(UiText.get("menu.view.presentation"));
        present.setId("presentation");
        present.setOnAction(e -> model.presentation().toggle());
        Menu theme = new Menu(UiText.get("menu.view.theme"));
        theme.setId("theme-menu");
        ToggleGroup looks = new ToggleGroup();
        for (org.normscope.ui.viewmodel.PresentationViewModel.Look look
                : org.normscope.ui.viewmodel.PresentationViewModel.Look.values()) {
            javafx.scene.control.RadioMenuItem item = new javafx.scene.control.RadioMenuItem(
                    UiText.get("menu.view.theme." + look.name().toLowerCase(java.util.Locale.ROOT)));
            item.setId("theme-" + look.name().toLowerCase(java.util.Locale.ROOT));
            item.setToggleGroup(looks);
            item.setSelected(model.presentation().lookProperty().get() == look);
            item.setOnAction(e -> model.presentation().lookProperty().set(look));
            model.presentation().lookProperty().addListener((o, a, l) -> item.setSelected(l == look));
            theme.getItems().add(item);
        }
        MenuItem axes = new MenuItem(UiText.get("menu.view.axes"));
        axes.setId("view-axes");
        axes.setMnemonicParsing(false);
        axes.setOnAction(e -> AxisExplorerWindow.open(root.getScene().getWindow(), model, figureExporter));
        Menu view = new Menu(UiText.get("menu.view"), null, bigger, smaller, normal,
                new javafx.scene.control.SeparatorMenuItem(), present, theme, axes,
                new javafx.scene.control.SeparatorMenuItem(), languageMenu());
        view.setId("view-menu");

        MenuItem runTo = new MenuItem(UiText.get("menu.run.to"));
        runTo.setId("run-to");
        runTo.setAccelerator(WindowKeys.RUN_TO);
        runTo.setOnAction(e -> askRunTo());
        MenuItem stopWork = new MenuItem(UiText.get("menu.run.stop"));
        stopWork.setId("run-stop");
        stopWork.setOnAction(e -> model.playback().stopWork());
        Menu run = new Menu(UiText.get("menu.run"), null, runTo, stopWork);
        run.setId("run-menu");

        MenuItem undo = new MenuItem();
        undo.setId("edit-undo");
        undo.textProperty().bind(model.edits().undoTextProperty());
        undo.disableProperty().bind(model.edits().canUndoProperty().not());
        undo.setOnAction(e -> model.edits().undo());
        MenuItem redo = new MenuItem();
        redo.setId("edit-redo");
        redo.textProperty().bind(model.edits().redoTextProperty());
        redo.disableProperty().bind(model.edits().canRedoProperty().not());
        redo.setOnAction(e -> model.edits().redo());
        for (MenuItem m : new MenuItem[] {undo, redo}) {
            m.setMnemonicParsing(false); // "track_running_stats change": an underscore is not a mnemonic
        }
        Menu edit = new Menu(UiText.get("menu.edit"), null, undo, redo);
        edit.setId("edit-menu");

        MenuItem keys = new MenuItem(UiText.get("menu.help.shortcuts"));
        keys.setId("help-shortcuts");
        keys.setMnemonicParsing(false);
        keys.setOnAction(e -> showShortcuts());
        MenuItem about = new MenuItem(UiText.get("menu.help.about"));
        about.setId("help-about");
        about.setOnAction(e -> HelpDialogs.about(root.getScene().getWindow()).show());
        Menu help = new Menu(UiText.get("menu.help"), null, keys, about);
        return new MenuBar(file, edit, run, presets, lessons, view, help);
    }

    /** Asks for the preset file to import (null: none chosen); a test gives its own. */
    java.util.function.Function<Window, File> presetFileChooser = PresetsMenu::choosePresetFile;
    private PresetsMenu presetsMenu;


    /** A file chooser for PNG figures. */
    public static File choosePng(Window owner, String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(UiText.get("export.figure.title"));
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(UiText.get("export.figure.png"), "*.png"));
        return chooser.showSaveDialog(owner);
    }
}
