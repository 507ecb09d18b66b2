package org.normscope.ui.view;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.normscope.ui.app.NormScopeApp;
import org.normscope.ui.viewmodel.MainViewModel;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real window with a robot: find by id, reveal in the settings scroll pane, type, wait. */
public final class WindowDriver {

    static final long WAIT_S = 20;

    private final FxRobot robot;

    WindowDriver(FxRobot robot) {
        this.robot = robot;
    }

    /**
     * Shows the main window for a model on {@code stage}, as the app does, at (0, 0) and
     * 1280×800: Monocle's headless screen is that size, and the robot must reach everything.
     */
    public static MainWindow show(Stage stage, MainViewModel model) {
        MainWindow window = new MainWindow(model);
        NormScopeApp.install(stage, model, window);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1280);
        stage.setHeight(800);
        stage.show();
        return window;
    }

    /** Runs {@code task} on the FX thread and gives its result. */
    static <T> T fx(Callable<T> task) {
        try {
            return WaitForAsyncUtils.asyncFx(task).get(WAIT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("on the FX thread: " + e, e);
        }
    }

    static void fxRun(Runnable task) {
        fx(() -> {
            task.run();
            return null;
        });
    }

    <T extends Node> T node(String query, Class<T> type) {
        return robot.lookup(query).queryAs(type);
    }

    String text(String id) {
        Label l = node(id, Label.class);
        return fx(l::getText);
    }

    /** Waits (up to {@value #WAIT_S} s) until {@code condition}, read on the FX thread, holds. */
    static void waitUntil(String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + WAIT_S + " s waiting for: " + what);
        }
    }

    /** Waits until label {@code id} shows {@code expected}. */
    void waitForText(String id, String expected) {
        Label l = node(id, Label.class);
        try {
            WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> expected.equals(fx(l::getText)));
        } catch (TimeoutException e) {
            throw new AssertionError(id + ": expected \"" + expected + "\" within " + WAIT_S + " s, but it shows \""
                    + fx(l::getText) + "\"");
        }
    }

    /** Scrolls the settings so that {@code node} is in view, and waits until it is laid out there. */
    void reveal(Node node) {
        ScrollPane pane = fx(() -> {
            Node p = node.getParent();
            while (p != null && !(p instanceof ScrollPane)) {
                p = p.getParent();
            }
            return (ScrollPane) p;
        });
        if (pane == null) {
            return;
        }
        fxRun(() -> {
            Node content = pane.getContent();
            Bounds b = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
            double contentH = content.getLayoutBounds().getHeight();
            double viewH = pane.getViewportBounds().getHeight();
            if (contentH > viewH) {
                double top = Math.max(0, Math.min(contentH - viewH, b.getMinY() - viewH / 3));
                pane.setVvalue(pane.getVmin() + (pane.getVmax() - pane.getVmin()) * top / (contentH - viewH));
            }
        });
        waitUntil("the node to be in view", () -> {
            Bounds view = pane.localToScene(pane.getLayoutBounds());
            Bounds b = node.localToScene(node.getLayoutBounds());
            return b.getMinY() >= view.getMinY() && b.getMaxY() <= view.getMaxY();
        });
    }

    /** Clicks the field, selects all, types {@code text} (nothing: erases) and presses Enter. */
    TextField typeInto(String id, String text) {
        TextField f = node(id, TextField.class);
        reveal(f);
        robot.clickOn(f);
        waitUntil(id + " to have the focus", f::isFocused);
        robot.push(new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN));
        if (text.isEmpty()) {
            robot.type(KeyCode.BACK_SPACE);
        } else {
            robot.write(text);
        }
        waitUntil(id + " to show \"" + text + "\"", () -> text.equals(f.getText()));
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        return f;
    }

    /** Waits until JavaFX has drawn {@code count} more frames (each frame also pulls the model). */
    static void waitFrames(int count) {
        java.util.concurrent.CountDownLatch frames = new java.util.concurrent.CountDownLatch(count);
        fxRun(() -> new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                frames.countDown();
                if (frames.getCount() == 0) {
                    stop();
                }
            }
        }.start());
        try {
            if (!frames.await(WAIT_S, TimeUnit.SECONDS)) {
                throw new AssertionError("JavaFX drew no frames for " + WAIT_S + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    void click(String id) {
        Node n = node(id, Node.class);
        reveal(n);
        robot.clickOn(n);
    }
}
