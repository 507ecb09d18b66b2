package org.normscope.ui.app;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.geometry.Rectangle2D;

/**
 * Where the main window opens: never larger than the screen it opens on, never off screen.
 * A remembered place is used only if the window's top-left corner (where its title bar is) is
 * on one of today's screens; it is then fitted into that screen. Otherwise the window takes
 * the default size, cut to the screen's visual bounds (without task bars), centred on it.
 *
 * @param maximized whether it was maximized when it was closed
 */
public record WindowPlacement(double x, double y, double width, double height, boolean maximized) {

    /** The smallest window the layout is made for. */
    static final double MIN_WIDTH = 1024;
    static final double MIN_HEIGHT = 700;
    /** How much of the title bar must be on a screen for a remembered place to count. */
    private static final double GRIP = 60;

    /**
     * @param screens the visual bounds of every screen
     * @param preferred the screen to open on when nothing is remembered (the one under the pointer, or the primary)
     * @param remembered where the window was last closed on this screen configuration, or null
     */
    static WindowPlacement choose(List<Rectangle2D> screens, Rectangle2D preferred, WindowPlacement remembered,
                                  double defaultWidth, double defaultHeight) {
        if (remembered != null) {
            for (Rectangle2D s : screens) {
                if (s.contains(remembered.x() + GRIP / 2, remembered.y() + GRIP / 4)) {
                    return remembered.fittedInto(s);
                }
            }
        }
        double w = Math.min(defaultWidth, preferred.getWidth());
        double h = Math.min(defaultHeight, preferred.getHeight());
        return new WindowPlacement(preferred.getMinX() + (preferred.getWidth() - w) / 2,
                preferred.getMinY() + (preferred.getHeight() - h) / 2, w, h, false);
    }

    /** This place, made no larger than {@code screen} and moved onto it. */
    WindowPlacement fittedInto(Rectangle2D screen) {
        double w = Math.min(width, screen.getWidth());
        double h = Math.min(height, screen.getHeight());
        double nx = Math.max(screen.getMinX(), Math.min(x, screen.getMaxX() - w));
        double ny = Math.max(screen.getMinY(), Math.min(y, screen.getMaxY() - h));
        return new WindowPlacement(nx, ny, w, h, maximized);
    }

    /** The smallest size the window may be made on {@code screen}: the layout's minimum, or less on a smaller screen. */
    static double[] minimumSize(Rectangle2D screen) {
        return new double[] {Math.min(MIN_WIDTH, screen.getWidth()), Math.min(MIN_HEIGHT, screen.getHeight())};
    }

    /** A name for a set of screens: a place is remembered per configuration (a laptop alone, the laptop and a projector). */
    static String configuration(List<Rectangle2D> screens) {
        return screens.stream().map(s -> String.format(Locale.ROOT, "%.0f,%.0f,%.0fx%.0f", s.getMinX(), s.getMinY(),
                s.getWidth(), s.getHeight())).collect(Collectors.joining(";"));
    }

    /** As stored: {@code x,y,width,height,maximized}. */
    String encode() {
        return String.format(Locale.ROOT, "%.0f,%.0f,%.0f,%.0f,%b", x, y, width, height, maximized);
    }

    /** The place {@link #encode()} wrote, or null for anything else. */
    static WindowPlacement decode(String text) {
        if (text == null) {
            return null;
        }
        String[] p = text.split(",");
        if (p.length != 5) {
            return null;
        }
        try {
            double w = Double.parseDouble(p[2]);
            double h = Double.parseDouble(p[3]);
            if (!(w >= 200 && h >= 150)) {
                return null;
            }
            return new WindowPlacement(Double.parseDouble(p[0]), Double.parseDouble(p[1]), w, h,
                    Boolean.parseBoolean(p[4]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
