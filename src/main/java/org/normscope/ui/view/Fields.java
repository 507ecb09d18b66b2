package org.normscope.ui.view;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.normscope.ui.viewmodel.ValidatedField;

/**
 * Text fields tied to {@link ValidatedField}s: checked as typed (a ControlsFX decoration on the
 * field and the reason in red beneath it), committed on Enter or when the field loses focus.
 */
final class Fields {

    private Fields() {
    }

    /** A field showing {@code model}'s text, validated by {@code validation}. */
    static TextField field(ValidatedField<?> model, ValidationSupport validation, int columns) {
        TextField f = new TextField();
        f.setPrefColumnCount(columns);
        f.textProperty().bindBidirectional(model.textProperty());
        f.setOnAction(e -> model.commit());
        f.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                model.commit();
            }
        });
        validation.registerValidator(f, false, (control, value) -> {
            String problem = model.problemWith((String) value);
            String shown = problem.isEmpty() ? model.getError() : problem;
            return ValidationResult.fromMessageIf(control, shown, Severity.ERROR, !shown.isEmpty());
        });
        return f;
    }

    /** As {@link #field(ValidatedField, ValidationSupport, int)}, with a node id and the explanation under {@code key}. */
    static TextField field(ValidatedField<?> model, ValidationSupport validation, int columns, String id, String key,
                           Object... args) {
        TextField f = field(model, validation, columns);
        f.setId(id);
        Explanations.explain(f, key, args);
        return f;
    }

    /** The reason {@code model}'s text is wrong, in red, taking no room while there is none. */
    static Label error(ValidatedField<?> model) {
        Label l = new Label();
        l.getStyleClass().add("field-error");
        l.textProperty().bind(model.errorProperty());
        l.visibleProperty().bind(model.errorProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    /** A label above a control, and the control's error beneath it. */
    static VBox labeled(String label, Node control, ValidatedField<?> model) {
        Label l = new Label(label);
        l.getStyleClass().add("field-label");
        // a field's name is never cut to "moment…": with large text, what sits beside the field gives way
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.setLabelFor(control);
        VBox box = model == null ? new VBox(2, l, control) : new VBox(2, l, control, error(model));
        box.setPadding(new Insets(2, 0, 2, 0));
        return box;
    }

    /** A bold section heading. */
    static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }
}
