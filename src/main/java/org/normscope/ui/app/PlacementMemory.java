package org.normscope.ui.app;

import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Opens the main window where {@link WindowPlacement} says, and remembers where it was closed,
 * per screen configuration, in the user's preferences ({@code java.util.prefs}).
 */
final class PlacementMemory {

    private static final Preferences NODE = Preferences.userNodeForPackage(PlacementMemory.class).node("window");

    private PlacementMemory() {
    }

    /** Places {@code stage} on the screen under the pointer (or the primary) and remembers its place when it closes. */
    static void place(Stage stage, double defaultWidth, double defaultHeight, double pointerX, double pointerY) {
        List<Rectangle2D> screens = Screen.getScreens().stream().map(Screen::getVisualBounds).toList();
        Rectangle2D preferred = Screen.getScreensForRectangle(pointerX, pointerY, 1, 1).stream().findFirst()
                .orElse(Screen.getPrimary()).getVisualBounds();
        String key = key(screens);
        WindowPlacement p = WindowPlacement.choose(screens, preferred, WindowPlacement.decode(NODE.get(key, null)),
                defaultWidth, defaultHeight);
        Rectangle2D on = Screen.getScreensForRectangle(p.x(), p.y(), 1, 1).stream().findFirst()
                .orElse(Screen.getPrimary()).getVisualBounds();
        double[] min = WindowPlacement.minimumSize(on);
        stage.setMinWidth(min[0]);
        stage.setMinHeight(min[1]);
        stage.setX(p.x());
        stage.setY(p.y());
        stage.setWidth(p.width());
        stage.setHeight(p.height());
        stage.setMaximized(p.maximized());
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDING, e -> remember(stage, key));
    }

    private static void remember(Stage stage, String key) {
        boolean max = stage.isMaximized();
        WindowPlacement p = new WindowPlacement(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), max);
        try {
            NODE.put(key, p.encode());
            NODE.flush();
        } catch (BackingStoreException | SecurityException e) {
            // not remembered: the window opens at the default place next time
        }
    }

    /** A preferences key (at most 80 characters) for a screen configuration. */
    private static String key(List<Rectangle2D> screens) {
        String c = WindowPlacement.configuration(screens);
        return c.length() <= Preferences.MAX_KEY_LENGTH ? c : Integer.toHexString(c.hashCode());
    }
}
