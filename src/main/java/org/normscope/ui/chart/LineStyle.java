package org.normscope.ui.chart;

/** How a curve (or a histogram marker) is stroked. */
public enum LineStyle {
    SOLID,
    DASHED,
    DOTTED;

    /**
     * The dash pattern for a line of this width, for
     * {@link javafx.scene.canvas.GraphicsContext#setLineDashes}: none for SOLID,
     * {@code (5w, 3w)} for DASHED and {@code (w, 2w)} for DOTTED, with {@code w} at least 1.5 px so
     * that thin lines still show their pattern on a projector.
     */
    public double[] dashes(double width) {
        double w = Math.max(1.5, width);
        return switch (this) {
            case SOLID -> null;
            case DASHED -> new double[] {5 * w, 3 * w};
            case DOTTED -> new double[] {w, 2 * w};
        };
    }
}
