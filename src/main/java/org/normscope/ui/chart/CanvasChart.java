package org.normscope.ui.chart;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;

/**
 * The common part of NormScope's charts: a {@link Region} holding one {@link Canvas} the
 * size of the region, a title, a {@link #fontScaleProperty() font scale}, and redrawing
 * coalesced to one per pulse (in {@link #layoutChildren()}, so that a chart not shown is never
 * drawn). Why: while playing, the charts are redrawn at every snapshot, and in the software
 * pipeline each full redraw costs much of a frame; so unchanged ink is not drawn again. The
 * design (redrawing, text, overlay, image layers) is in {@code docs/CHARTS.md}.
 */
public abstract class CanvasChart extends Region {

    /** Font sizes at scale 1, in pixels. */
    static final double TICK_PX = 14;
    static final double AXIS_PX = 15;
    static final double TITLE_PX = 18;
    static final double MESSAGE_PX = 17;

    /** A text drawn in the last redraw, with its box in canvas pixels. */
    record TextBox(String text, double x, double y, double w, double h) {
        boolean overlaps(TextBox o) {
            return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
        }

        boolean inside(double width, double height) {
            return x >= -0.5 && y >= -0.5 && x + w <= width + 0.5 && y + h <= height + 0.5;
        }
    }

    private final Canvas canvas = new Canvas();
    private final Canvas overlay;
    private final DoubleProperty fontScale = new SimpleDoubleProperty(this, "fontScale", 1);
    private final javafx.beans.property.ObjectProperty<ChartTheme> chartTheme =
            new javafx.beans.property.SimpleObjectProperty<>(this, "chartTheme", ChartTheme.LIGHT);
    private final StringProperty title = new SimpleStringProperty(this, "title", "");
    private final StringProperty placeholder = new SimpleStringProperty(this, "placeholder", "no data yet");
    private final ChartText texts = new ChartText();
    private final List<TextBox> drawnText = new ArrayList<>();
    private final List<TextBox> overlayText = new ArrayList<>();
    /** Where {@link #text} records its boxes: the data layer's list, or the overlay's while it is drawn. */
    private List<TextBox> textSink = drawnText;
    private boolean dirty = true;
    private boolean overlayDirty = true;
    private int redraws;
    private int overlayRedraws;
    /** See {@link #skipsUnchangedInk()}. */
    private final InkLayers ink = new InkLayers();
    private int inkRedraws;

    protected CanvasChart() {
        this(false);
    }

    /** @param withOverlay whether to stack a second canvas on top for {@link #drawOverlay} */
    protected CanvasChart(boolean withOverlay) {
        getChildren().add(canvas);
        canvas.setManaged(false);
        getChildren().add(ink.axisCanvas());
        if (withOverlay) {
            overlay = new Canvas();
            overlay.setManaged(false);
            overlay.setMouseTransparent(true);
            getChildren().add(overlay);
        } else {
            overlay = null;
        }
        getStyleClass().add("canvas-chart");
        // An opaque region lets the renderer start a repaint at the chart, not at the panes behind it
        // (docs/PERFORMANCE.md).
        setBackground(new Background(new BackgroundFill(theme().background(), null, null)));
        chartTheme.addListener((o, a, t) -> {
            if (t == null) {
                chartTheme.set(ChartTheme.LIGHT);
                return;
            }
            setBackground(new Background(new BackgroundFill(t.background(), null, null)));
            invalidateOverlay();
        });
        watch(fontScale, title, placeholder, chartTheme);
    }

    /** Calls {@link #invalidateChart()} whenever one of these changes. */
    protected final void watch(Observable... observables) {
        for (Observable o : observables) {
            o.addListener(x -> invalidateChart());
        }
    }

    /** Marks the picture out of date; it is redrawn once, in the next pulse's layout pass. */
    protected final void invalidateChart() {
        dirty = true;
        setNeedsLayout(true);
    }

    /**
     * Marks only the overlay out of date: it is redrawn in the next pulse's layout pass, the
     * data layer is not (nothing happens for a chart without an overlay).
     */
    protected final void invalidateOverlay() {
        if (overlay != null) {
            overlayDirty = true;
            setNeedsLayout(true);
        }
    }

    /** Redraws with the current data, for data changed in place (same {@link SeriesData} objects). */
    public void refresh() {
        invalidateChart();
    }

    /** Multiplies every font size (and the gaps that depend on it); 1 by default, clamped to 0.5..4 when drawn. */
    public final DoubleProperty fontScaleProperty() {
        return fontScale;
    }

    public final double getFontScale() {
        return fontScale.get();
    }

    public final void setFontScale(double value) {
        fontScale.set(value);
    }

    /** Every colour and stroke weight the chart draws with ({@link ChartTheme#LIGHT} by default; null sets it back). */
    public final javafx.beans.property.ObjectProperty<ChartTheme> chartThemeProperty() {
        return chartTheme;
    }

    /** The theme the chart draws with. */
    public final ChartTheme theme() {
        return chartTheme.get();
    }

    /** The title above the chart; blank for none. */
    public final StringProperty titleProperty() {
        return title;
    }

    public final String getTitle() {
        return title.get();
    }

    public final void setTitle(String value) {
        title.set(value);
    }

    /** The message shown when there is nothing to draw ("no data yet"). */
    public final StringProperty placeholderProperty() {
        return placeholder;
    }

    public final void setPlaceholder(String value) {
        placeholder.set(value);
    }

    /** How many times the chart has been drawn (for tests of the coalescing and of how frames share the work). */
    public final int redrawCount() {
        return redraws;
    }

    /**
     * How many times the canvas itself has been drawn again (for tests: a chart that skips
     * unchanged ink redraws its canvas only when its texts or layout change).
     */
    final int inkRedrawCount() {
        return inkRedraws;
    }

    /** How many times the overlay has been drawn (for tests: moving a cursor redraws only the overlay). */
    final int overlayRedrawCount() {
        return overlayRedraws;
    }

    /**
     * The texts of the last redraw, data layer then overlay, with their boxes (for tests: nothing
     * clipped, nothing overlapping).
     */
    final List<TextBox> drawnText() {
        List<TextBox> all = new ArrayList<>(drawnText);
        all.addAll(ink.axisText());
        all.addAll(overlayText);
        return List.copyOf(all);
    }

    @Override
    protected double computePrefWidth(double height) {
        return 640;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 420;
    }

    @Override
    protected double computeMinWidth(double height) {
        return 160;
    }

    @Override
    protected double computeMinHeight(double width) {
        return 120;
    }

    @Override
    protected void layoutChildren() {
        double w = Math.max(0, Math.floor(getWidth()));
        double h = Math.max(0, Math.floor(getHeight()));
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            if (overlay != null) {
                overlay.setWidth(w);
                overlay.setHeight(h);
            }
            dirty = true;
        }
        canvas.relocate(0, 0);
        if (dirty) {
            dirty = false;
            redraw();
            overlayDirty = true;
        }
        if (overlay != null) {
            overlay.relocate(0, 0);
            if (overlayDirty) {
                overlayDirty = false;
                // an empty overlay is hidden, not drawn: a full-size transparent canvas would still be
                // blended over the data layer in every frame that repaints the chart
                boolean empty = overlayIsEmpty();
                overlay.setVisible(!empty);
                if (empty) {
                    overlayText.clear();
                } else {
                    redrawOverlay();
                }
            }
        }
    }

    /** Whether {@link #drawOverlay} would draw nothing now (then the overlay is hidden). False by default. */
    protected boolean overlayIsEmpty() {
        return false;
    }

    private void redrawOverlay() {
        overlayRedraws++;
        overlayText.clear();
        double w = overlay.getWidth();
        double h = overlay.getHeight();
        GraphicsContext gc = overlay.getGraphicsContext2D();
        gc.clearRect(0, 0, w, h);
        if (w < 1 || h < 1) {
            return;
        }
        gc.setLineCap(StrokeLineCap.BUTT);
        gc.setLineDashes((double[]) null);
        gc.setImageSmoothing(false);
        textSink = overlayText;
        try {
            drawOverlay(gc, w, h);
        } finally {
            textSink = drawnText;
        }
    }

    /**
     * Draws the overlay into a cleared, transparent canvas of {@code w × h} pixels stacked on
     * the data layer; called after every redraw of the data layer and after
     * {@link #invalidateOverlay()}. Nothing by default.
     */
    protected void drawOverlay(GraphicsContext gc, double w, double h) {
    }

    private void redraw() {
        redraws++;
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (!skipsUnchangedInk()) {
            inkRedraws++;
            drawnText.clear();
            paint(canvas.getGraphicsContext2D(), w, h);
            return;
        }
        if (ink.redraw(this, canvas, drawnText, w, h)) {
            inkRedraws++;
        }
    }

    /**
     * Whether this chart draws its pictures into {@link #addLayer image layers} and its x axis
     * into {@link #axisStrip}, so that a redraw that changes neither texts nor layout leaves the
     * canvas as it is (see the class comment). False by default.
     */
    protected boolean skipsUnchangedInk() {
        return false;
    }

    /**
     * What the canvas shows besides its texts and size, for a chart that {@link #skipsUnchangedInk()}:
     * the layout and the colours of its lines, say (an equal key and equal texts leave the canvas
     * as it is). Called after {@link #draw}; null by default.
     */
    protected Object inkKey() {
        return null;
    }

    /**
     * Whether this is the first {@link #draw} of a redraw: only then should a chart compute and
     * set its image layers (a chart that skips unchanged ink may be drawn twice per redraw).
     */
    protected final boolean isFirstPass() {
        return ink.isFirstPass();
    }

    /**
     * The context to draw the x axis into, everything from {@code top} down: for a chart that
     * {@link #skipsUnchangedInk()}, a strip of its own that is drawn again only when its texts or
     * its top change; otherwise {@code gc}. Coordinates stay the chart's.
     */
    protected final GraphicsContext axisStrip(GraphicsContext gc, double top) {
        return ink.axisStrip(gc, top);
    }

    /** Adds a node (an image, say) above the canvas and below the x axis strip and the overlay; it is not laid out. */
    protected final void addLayer(javafx.scene.Node node) {
        node.setManaged(false);
        node.setMouseTransparent(true);
        getChildren().add(getChildren().indexOf(canvas) + 1, node); // below the axis strip and the overlay
    }

    /** Clears {@code gc}, then draws the title and {@link #draw} into it. */
    final void paint(GraphicsContext gc, double w, double h) {
        gc.clearRect(0, 0, w, h);
        if (w < 1 || h < 1) {
            return;
        }
        gc.setFill(theme().background());
        gc.fillRect(0, 0, w, h);
        gc.setLineCap(StrokeLineCap.BUTT);
        gc.setLineDashes((double[]) null);
        gc.setImageSmoothing(false);
        double top = 0;
        double pad = pad();
        String t = getTitle();
        if (t != null && !t.isBlank()) {
            Font f = font(TITLE_PX, true);
            top = pad * 0.6;
            // a long title wraps into two lines, unless the chart is short; rather than cut it, a short
            // chart takes two lines too, and then a smaller font
            int lines = 2 * lineHeight(f) < 0.15 * h ? 2 : 1;
            List<String> wrapped = wrap(t, f, w - 2 * pad, lines);
            if (ChartText.isCut(wrapped) && lines == 1) {
                wrapped = wrap(t, f, w - 2 * pad, 2);
            }
            if (ChartText.isCut(wrapped)) {
                f = font(AXIS_PX, true);
                wrapped = wrap(t, f, w - 2 * pad, 2);
            }
            for (String line : wrapped) {
                text(gc, line, f, theme().ink(), w / 2, top, Align.CENTER);
                top += lineHeight(f);
            }
        }
        draw(gc, w, h, top);
    }

    /**
     * Draws the chart below the title into a cleared, white canvas of {@code w × h} pixels.
     *
     * @param top the y where the title ends (0 when there is no title)
     */
    protected abstract void draw(GraphicsContext gc, double w, double h, double top);

    // ---- helpers for subclasses ----------------------------------------------------------------

    /** The font scale, clamped to 0.5..4 (NaN gives 1). */
    protected final double scale() {
        double s = getFontScale();
        return Double.isNaN(s) ? 1 : Math.max(0.5, Math.min(4, s));
    }

    /** The outer padding: 10 px × scale. */
    protected final double pad() {
        return 10 * scale();
    }

    /** Makes the charts built after this draw their texts in {@code family} (null: the default font). */
    public static void setTextFamily(String family) {
        ChartText.setTextFamily(family);
    }

    /**
     * A line's width in px: {@code base} at the normal text size, grown with the text (Ctrl +) and
     * by the theme's line scale (the projector's thicker curves), so that lines, legend swatches
     * and text scale together.
     */
    protected final double lineWeight(double base) {
        return base * Math.max(1, scale()) * theme().lineScale();
    }

    /** A marker's size in px: {@code base} grown with the text and by the theme's marker scale. */
    protected final double markerSize(double base) {
        return base * Math.max(1, scale()) * theme().markerScale();
    }

    protected final Font font(double basePx, boolean bold) {
        return texts.font(basePx * scale(), bold);
    }

    /** The width of {@code s} in {@code f} (remembered: see {@link ChartText}). */
    protected final double textWidth(String s, Font f) {
        return texts.width(s, f);
    }

    protected final double lineHeight(Font f) {
        return texts.lineHeight(f);
    }

    /** {@code s}, or its longest prefix plus "…" that fits in {@code maxWidth} (possibly just "…" or ""). */
    protected final String fit(String s, Font f, double maxWidth) {
        return texts.fit(s, f, maxWidth);
    }

    /** Horizontal anchoring of {@link #text}. */
    protected enum Align { LEFT, CENTER, RIGHT }

    /**
     * Draws {@code s} with its top at {@code y}, its left edge, centre or right edge at
     * {@code x}, shifted as needed to stay inside the canvas; returns its box.
     */
    protected final TextBox text(GraphicsContext gc, String s, Font f, Color c, double x, double y, Align align) {
        if (s == null || s.isEmpty()) {
            return new TextBox("", x, y, 0, 0);
        }
        return record(gc, texts.fill(gc, s, f, c, x, y, align, canvas.getWidth(), canvas.getHeight()));
    }

    private TextBox record(GraphicsContext gc, TextBox box) {
        (ink.isAxis(gc) ? ink.axisText() : textSink).add(box);
        return box;
    }

    /** Draws {@code s} rotated a quarter turn anticlockwise (read bottom to top), centred at {@code (cx, cy)}. */
    protected final TextBox verticalText(GraphicsContext gc, String s, Font f, Color c, double cx, double cy) {
        if (s == null || s.isEmpty()) {
            return new TextBox("", cx, cy, 0, 0);
        }
        return record(gc, texts.fillVertical(gc, s, f, c, cx, cy, canvas.getWidth(), canvas.getHeight()));
    }

    /**
     * {@code s} in at most {@code maxLines} lines of at most {@code maxWidth} each, broken at
     * spaces (greedily); what does not fit ends the last line with "…".
     */
    protected final List<String> wrap(String s, Font f, double maxWidth, int maxLines) {
        return texts.wrap(s, f, maxWidth, maxLines);
    }

    /**
     * Draws lines of text rotated a quarter turn anticlockwise, the first line leftmost, the
     * block's left edge at {@code left} and each line centred on {@code cy}.
     */
    protected final void verticalLines(GraphicsContext gc, List<String> lines, Font f, Color c, double left, double cy) {
        double lh = lineHeight(f);
        for (int i = 0; i < lines.size(); i++) {
            verticalText(gc, lines.get(i), f, c, left + (i + 0.5) * lh, cy);
        }
    }

    /** The {@link ChartWords#tooSmall()} message, wrapped and centred in the given area (smaller text if need be). */
    protected final void drawTooSmall(GraphicsContext gc, double x, double y, double w, double h) {
        ChartMessages.tooSmall(this, gc, x, y, w, h);
    }

    /** The "no data yet" message, centred in the given area. */
    protected final void drawPlaceholder(GraphicsContext gc, double x, double y, double w, double h) {
        ChartMessages.placeholder(this, gc, placeholder.get(), x, y, w, h);
    }

    /** Strokes a horizontal or vertical 1 px line on the pixel grid (crisp). */
    protected static void crispLine(GraphicsContext gc, double x0, double y0, double x1, double y1) {
        gc.strokeLine(Math.floor(x0) + 0.5, Math.floor(y0) + 0.5, Math.floor(x1) + 0.5, Math.floor(y1) + 0.5);
    }
}
