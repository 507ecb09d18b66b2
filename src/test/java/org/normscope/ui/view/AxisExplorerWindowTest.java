package org.normscope.ui.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.normscope.ui.view.WindowDriver.fx;
import static org.normscope.ui.view.WindowDriver.fxRun;
import static org.normscope.ui.view.WindowDriver.waitUntil;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.normscope.preset.PresetLibrary;
import org.normscope.ui.chart.AxisGridChart;
import org.normscope.ui.viewmodel.AxisExplorerViewModel;
import org.normscope.ui.viewmodel.MainViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The axis explorer in its own window beside the real main window, headless. */
@ExtendWith(ApplicationExtension.class)
class AxisExplorerWindowTest {

    private final FxRobot robot = new FxRobot();
    private final WindowDriver d = new WindowDriver(robot);
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private MainViewModel model;
    private Stage main;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        main = stage;
        model = new MainViewModel(PresetLibrary.builtIn());
        window = WindowDriver.show(stage, model);
        model.setErrorHandler(errors::add);
    }

    @AfterEach
    void closeModel() {
        fxRun(() -> new java.util.ArrayList<>(Window.getWindows()).stream().filter(w -> w != main)
                .forEach(Window::hide));
        fxRun(() -> {
            if (!org.normscope.ui.viewmodel.UiLocale.current().equals(org.normscope.ui.viewmodel.UiLocale.ENGLISH)) {
                window = window.switchLanguage(org.normscope.ui.viewmodel.UiLocale.ENGLISH);
            }
        });
        model.close();
        assertThat(errors).as("exceptions on the session's thread").isEmpty();
    }

    private Scene explorer() {
        return fx(() -> Window.getWindows().stream().filter(w -> w != main && w.getScene() != null
                && w.getScene().lookup("#axes-grid") != null).findFirst().orElseThrow().getScene());
    }

    /** Moves the pointer over cell {@code (n, c, p)} of the grid, as a mouse would. */
    private static void pointAt(AxisGridChart grid, int n, int c, int p) {
        fxRun(() -> {
            for (double y = 0; y < grid.getHeight(); y += 2) {
                for (double x = 0; x < grid.getWidth(); x += 2) {
                    int[] at = grid.cellAt(x, y);
                    if (at != null && at[0] == n && at[1] == c && at[2] == p) {
                        javafx.geometry.Point2D at2 = grid.localToScene(x, y); // the event's x, y are re-read from the scene's
                        grid.fireEvent(new MouseEvent(MouseEvent.MOUSE_MOVED, at2.getX(), at2.getY(), at2.getX(),
                                at2.getY(), MouseButton.NONE, 0,
                                false, false, false, false, false, false, false, false, false, false, null));
                        return;
                    }
                }
            }
            throw new AssertionError("no cell " + n + ", " + c + ", " + p + " drawn");
        });
    }

    @Test
    void theViewMenuOpensItOnTheSessionsLastBatchAndThePointerLightsASet() {
        d.click("#step");
        d.waitForText("#step-count", "step 1");
        fxRun(() -> {
            MenuBar bar = (MenuBar) main.getScene().getRoot().lookup(".menu-bar");
            Menu view = bar.getMenus().stream().filter(m -> "view-menu".equals(m.getId())).findFirst().orElseThrow();
            MenuItem axes = view.getItems().stream().filter(i -> "view-axes".equals(i.getId())).findFirst().orElseThrow();
            axes.fire();
        });
        waitUntil("the explorer on the session's batch", () -> {
            Scene s = explorer();
            return ((Label) s.lookup("#axes-shape")).getText().contains("torch.Size([2, 4, 1])");
        });
        Scene scene = explorer();
        assertThat(fx(() -> ((Label) scene.lookup("#axes-caption")).getText()))
                .isEqualTo("BatchNorm1d: one mean and variance per channel, over N\u00b7L = 2\u00b71 = 2 values");
        AxisGridChart grid = fx(() -> (AxisGridChart) scene.lookup("#axes-grid"));
        WindowDriver.waitFrames(3);
        pointAt(grid, 1, 2, 0);
        assertThat(fx(() -> model.axes().hoveredProperty().get())).isEqualTo(new AxisExplorerViewModel.Cell(1, 2, 0));
        assertThat(fx(() -> ((Label) scene.lookup("#axes-set")).getText())).startsWith("Its set: x[:, 2, :], 2 values");
        assertThat(fx(() -> ((Label) scene.lookup("#axes-stats")).getText())).startsWith("mean = ");
        assertThat(fx(() -> LayoutProblems.of(scene))).isEmpty();
    }

    @Test
    void instanceNormOnNCShowsPyTorchsRefusalAndTheFigureIsExported(@TempDir Path tmp) throws Exception {
        List<Node> exported = new CopyOnWriteArrayList<>();
        Stage stage = fx(() -> {
            Stage s = new Stage();
            s.setScene(AxisExplorerWindow.scene(model, exported::add, 1280, 800));
            s.show();
            return s;
        });
        fxRun(() -> model.axes().sourceProperty().set(AxisExplorerViewModel.Source.EXAMPLE_NC));
        Scene scene = stage.getScene();
        fxRun(() -> ((ToggleButton) scene.lookup("#axes-type-instance")).fire());
        assertThat(fx(() -> ((Label) scene.lookup("#axes-refusal")).getText())).isEqualTo(
                "ValueError: Expected more than 1 spatial element when training, got input size torch.Size([6, 4, 1])");
        assertThat(fx(() -> scene.lookup("#axes-refused").isVisible())).isTrue();
        assertThat(fx(() -> scene.lookup("#axes-stats").isVisible())).isFalse();
        WindowDriver.waitFrames(3);
        assertThat(fx(() -> LayoutProblems.of(scene))).isEmpty();

        fxRun(() -> ((javafx.scene.control.Button) scene.lookup("#axes-export")).fire());
        assertThat(exported).hasSize(1);
        File png = tmp.resolve("axes.png").toFile();
        fxRun(() -> {
            try {
                org.normscope.ui.app.Figures.writePng(exported.get(0), png);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(Files.size(png.toPath())).isGreaterThan(5_000);
        javafx.scene.image.Image image = new javafx.scene.image.Image(png.toURI().toString());
        assertThat(image.getWidth()).isGreaterThan(1000);
    }

    @Test
    void openingItAgainBringsTheSameWindowForwardAndALanguageSwitchRebuildsIt() {
        Stage first = fx(() -> AxisExplorerWindow.open(main, model, node -> { }));
        Stage again = fx(() -> AxisExplorerWindow.open(main, model, node -> { }));
        assertThat(again).isSameAs(first);
        fxRun(() -> model.axes().sourceProperty().set(AxisExplorerViewModel.Source.EXAMPLE_NCHW));
        fxRun(() -> window = window.switchLanguage(org.normscope.ui.viewmodel.UiLocale.CHINESE));
        Scene scene = explorer();
        assertThat(fx(() -> ((Label) scene.lookup("#axes-caption")).getText())).isEqualTo(
                "BatchNorm2d：每个通道一个均值和方差，取自 N\u00b7H\u00b7W = 2\u00b73\u00b73 = 18 个数值");
        assertThat(fx(() -> first.getTitle())).isEqualTo("轴向浏览器：哪些数值共用同一个均值和方差？");
    }
}
