package org.normscope.ui.view;

import org.normscope.ui.viewmodel.UiText;

import javafx.beans.value.ObservableDoubleValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.normscope.ui.viewmodel.ExplainViewModel;
import org.normscope.ui.viewmodel.FormulaLine;

/**
 * The Explain pane: one channel at one step, each formula typeset with the step's numbers under
 * a caption in plain words; hovering a formula shows its numbers' exact float32 values. All it
 * shows comes from {@link ExplainViewModel}; this only lays it out.
 */
final class ExplainPane extends VBox {

    /** Formulas are typeset this much larger than the text around them. */
    private static final double FORMULA_SCALE = 1.3;
    private static final int INK = 0xff1f2328;

    private final ExplainViewModel model;
    private final ObservableDoubleValue fontSize;
    private final VBox rows = new VBox();
    private final Label message = new Label();

    ExplainPane(ExplainViewModel model, ObservableDoubleValue fontSize) {
        this.model = model;
        this.fontSize = fontSize;
        FormulaImages.warmUp();
        setId("explain-pane");
        getStyleClass().add("explain-pane");
        ComboBox<Integer> channel = new ComboBox<>(model.channels());
        channel.setId("explain-channel");
        channel.setValue(model.channelProperty().get());
        channel.valueProperty().addListener((o, a, c) -> {
            if (c != null) {
                model.channelProperty().set(c);
            }
        });
        model.channelProperty().addListener((o, a, c) -> channel.setValue(c.intValue()));
        // new items clear a combo box's value: show the model's channel again
        model.channels().addListener((ListChangeListener<Integer>) c -> channel.setValue(model.channelProperty().get()));
        Label of = new Label(UiText.get("explain.of"));
        of.setMinWidth(Label.USE_PREF_SIZE);
        Label heading = new Label();
        heading.setId("explain-heading");
        heading.getStyleClass().add("explain-heading");
        heading.textProperty().bind(model.headingProperty());
        heading.setWrapText(true);
        HBox bar = new HBox(8, of, channel);
        bar.setAlignment(Pos.CENTER_LEFT);
        heading.setMinHeight(Label.USE_PREF_SIZE);

        message.getStyleClass().add("hint");
        message.setWrapText(true);
        message.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                model.messageProperty().get().isEmpty() && model.lines().isEmpty() ? UiText.get("explain.empty")
                        : model.messageProperty().get(), model.messageProperty(), model.lines()));
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());

        rows.setId("explain-rows");
        rows.setSpacing(2);
        rows.setPadding(new Insets(4, 8, 8, 4));
        ScrollPane scroll = new ScrollPane(rows);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(bar, heading, message, scroll);
        setSpacing(4);

        model.lines().addListener((ListChangeListener<FormulaLine>) c -> rebuild());
        fontSize.addListener((o, a, b) -> rebuild());
        // formulas are broken into lines for the room there is: typeset again when it changes by a step
        rows.widthProperty().addListener((o, a, b) -> {
            if (room() != typesetFor) {
                rebuild();
            }
        });
        rebuild();
    }

    /** Width for a formula, in steps of {@value #ROOM_STEP} px (0 before the pane has a width). */
    private double room() {
        double w = rows.getWidth() - 20;
        return w <= 0 ? 0 : Math.max(ROOM_STEP, Math.floor(w / ROOM_STEP) * ROOM_STEP);
    }

    private static final double ROOM_STEP = 40;
    private double typesetFor = -1;

    private void rebuild() {
        rows.getChildren().clear();
        double px = fontSize.get() * FORMULA_SCALE;
        typesetFor = room();
        for (FormulaLine line : model.lines()) {
            Label caption = new Label(line.caption());
            caption.getStyleClass().add("explain-caption");
            caption.setWrapText(true);
            caption.setMaxWidth(Double.MAX_VALUE);
            ImageView formula = new ImageView();
            try {
                formula.setImage(FormulaImages.render(line.tex(), px, INK, typesetFor));
            } catch (RuntimeException e) {
                formula = null; // a formula the typesetter refuses is shown as plain text below
            }
            Label plain = new Label(line.plain());
            plain.getStyleClass().add("explain-plain");
            plain.setWrapText(true);
            VBox row = new VBox(1, caption);
            row.getStyleClass().add("explain-row");
            row.setId("explain-" + line.key());
            if (formula != null) {
                formula.setPickOnBounds(true);
                formula.setPreserveRatio(true);
                formula.setSmooth(true);
                // a formula wider than the pane is shrunk to fit rather than cut off
                double natural = formula.getImage().getWidth();
                formula.fitWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                        () -> Math.max(40, Math.min(natural, rows.getWidth() - 16)), rows.widthProperty()));
                row.getChildren().add(formula);
            } else {
                row.getChildren().add(plain);
            }
            Tooltip tip = new Tooltip(line.plain() + "\n\n" + UiText.get("explain.hover") + "\n" + line.exact());
            tip.setShowDelay(Duration.millis(300));
            tip.setShowDuration(Duration.seconds(30));
            tip.setWrapText(true);
            tip.setMaxWidth(520);
            Tooltip.install(row, tip);
            rows.getChildren().add(row);
        }
    }
}
