package org.normscope.ui.view;

import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableDoubleValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.normscope.axes.NormRule;
import org.normscope.print.NumberText;
import org.normscope.ui.chart.AxisGridChart;
import org.normscope.ui.chart.AxisGridData;
import org.normscope.ui.chart.ChartTheme;
import org.normscope.ui.viewmodel.AxisExplorerViewModel;
import org.normscope.ui.viewmodel.AxisExplorerViewModel.Picture;
import org.normscope.ui.viewmodel.UiText;

/**
 * The axis explorer, thin over {@link AxisExplorerViewModel}: the input and layer choosers, the
 * caption, the {@link AxisGridChart grid}, and beneath it the pointed value, its set and that
 * set's mean and variance (or PyTorch's refusal and why). {@link #figure()} is what File → Export
 * figure writes: everything but the choosers.
 */
public final class AxisExplorerPane extends VBox {

    private final AxisExplorerViewModel model;
    private final AxisGridChart grid = new AxisGridChart();
    private final VBox figure;

    public AxisExplorerPane(AxisExplorerViewModel model, ObservableDoubleValue fontSize, Consumer<Node> exporter) {
        this.model = model;
        getStyleClass().add("axes-pane");
        setSpacing(8);
        setPadding(new Insets(12, 16, 12, 16));

        ComboBox<AxisExplorerViewModel.Source> source = new ComboBox<>();
        source.setId("axes-source");
        source.getItems().setAll(AxisExplorerViewModel.Source.values());
        source.setCellFactory(l -> sourceCell());
        source.setButtonCell(sourceCell());
        source.valueProperty().bindBidirectional(model.sourceProperty());

        ToggleGroup types = new ToggleGroup();
        HBox typeSwitch = new HBox(0);
        typeSwitch.getStyleClass().add("mode-switch");
        for (NormRule.Type t : NormRule.Type.values()) {
            ToggleButton b = new ToggleButton(UiText.get("axes.type." + t.name().toLowerCase(java.util.Locale.ROOT)));
            b.setId("axes-type-" + t.name().toLowerCase(java.util.Locale.ROOT));
            b.setToggleGroup(types);
            b.setUserData(t);
            b.setSelected(model.typeProperty().get() == t);
            b.setFocusTraversable(false);
            typeSwitch.getChildren().add(b);
        }
        types.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
            } else {
                model.typeProperty().set((NormRule.Type) b.getUserData());
            }
        });
        model.typeProperty().addListener((o, a, t) -> types.getToggles().forEach(b -> b.setSelected(b.getUserData() == t)));

        ComboBox<Integer> groups = new ComboBox<>(model.groupChoices());
        groups.setId("axes-groups");
        groups.valueProperty().addListener((o, a, g) -> {
            if (g != null) {
                model.groupsProperty().set(g);
            }
        });
        model.groupsProperty().addListener((o, a, g) -> groups.setValue(g.intValue()));
        groups.setValue(model.groupsProperty().get());
        Label groupsLabel = new Label(UiText.get("axes.groups"));
        HBox groupBox = new HBox(6, groupsLabel, groups);
        groupBox.setAlignment(Pos.CENTER_LEFT);
        groupBox.visibleProperty().bind(model.typeProperty().isEqualTo(NormRule.Type.GROUP));
        groupBox.managedProperty().bind(groupBox.visibleProperty());

        ComboBox<Integer> dims = new ComboBox<>(model.layerDimChoices());
        dims.setId("axes-layer-dims");
        dims.setCellFactory(l -> dimCell());
        dims.setButtonCell(dimCell());
        dims.valueProperty().addListener((o, a, k) -> {
            if (k != null) {
                model.layerDimsProperty().set(k);
            }
        });
        model.layerDimsProperty().addListener((o, a, k) -> dims.setValue(k.intValue()));
        dims.setValue(model.layerDimsProperty().get());
        // the label names the batch's trailing sizes: a new batch with the same k needs it again
        model.pictureProperty().addListener((o, a, p) -> dims.setButtonCell(dimCell()));
        HBox dimBox = new HBox(6, new Label(UiText.get("axes.layer.dims")), dims);
        dimBox.setAlignment(Pos.CENTER_LEFT);
        dimBox.visibleProperty().bind(model.typeProperty().isEqualTo(NormRule.Type.LAYER));
        dimBox.managedProperty().bind(dimBox.visibleProperty());

        Button export = new Button(UiText.get("axes.export"));
        export.setId("axes-export");
        export.setOnAction(e -> exporter.accept(figure()));

        FlowPane controls = new FlowPane(14, 6, labelled("axes.source", source), labelled("axes.type", typeSwitch),
                groupBox, dimBox, export);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.getStyleClass().add("axes-controls");

        Label caption = bound("axes-caption", model.captionProperty());
        caption.getStyleClass().add("axes-caption");
        Label shape = bound("axes-shape", Bindings.concat(model.shapeProperty(), Bindings.when(
                model.shownProperty().isEmpty()).then("").otherwise("     ").concat(model.shownProperty())));
        shape.getStyleClass().add("axes-muted");
        Label message = bound("axes-message", model.messageProperty());

        grid.setId("axes-grid");
        grid.setMinSize(200, 160);
        grid.setPrefSize(900, 420);
        grid.setOnHover(at -> model.hover(at[0], at[1], at[2]));
        grid.setPlaceholder(UiText.get("axes.hint"));
        VBox.setVgrow(grid, Priority.ALWAYS);

        Label cell = bound("axes-cell", model.cellProperty());
        Label set = bound("axes-set", model.setProperty());
        Label stats = bound("axes-stats", model.statsProperty());
        stats.getStyleClass().add("axes-stats");
        Label refusedTitle = new Label(UiText.get("axes.refused.title"));
        Label refusal = bound("axes-refusal", model.refusalProperty());
        refusal.getStyleClass().add("axes-refusal-text");
        Label why = bound("axes-refusal-why", model.refusalWhyProperty());
        VBox refused = new VBox(2, refusedTitle, refusal, why);
        refused.setId("axes-refused");
        refused.getStyleClass().add("axes-refused");
        refused.visibleProperty().bind(model.refusalProperty().isNotEmpty());
        refused.managedProperty().bind(refused.visibleProperty());
        Label hint = new Label(UiText.get("axes.hint"));
        hint.getStyleClass().add("axes-muted");
        VBox readout = new VBox(2, new HBox(24, cell, hint), set, stats, refused);
        readout.visibleProperty().bind(model.pictureProperty().isNotNull());
        readout.managedProperty().bind(readout.visibleProperty());

        // the answer first, in large type, the grid beneath it: what a room reads from the back
        figure = new VBox(6, caption, readout, shape, message, grid);
        figure.setId("axes-figure");
        figure.getStyleClass().add("axes-figure");
        VBox.setVgrow(figure, Priority.ALWAYS);
        getChildren().setAll(controls, figure);

        grid.fontScaleProperty().bind(Bindings.createDoubleBinding(() -> fontSize.get() / 15.0, fontSize));
        model.pictureProperty().addListener((o, a, p) -> redraw());
        model.hoveredProperty().addListener((o, a, h) -> redraw());
        model.highlightedSetProperty().addListener((o, a, h) -> redraw());
        redraw();
    }

    /** The choosers' label beside them. */
    private static HBox labelled(String key, Node control) {
        Label l = new Label(UiText.get(key));
        l.getStyleClass().add("axes-control-label");
        HBox box = new HBox(6, l, control);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static Label bound(String id, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrapped lines are not cut when the grid wants the room
        l.textProperty().bind(text);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private static ListCell<AxisExplorerViewModel.Source> sourceCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(AxisExplorerViewModel.Source s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : UiText.get(switch (s) {
                    case SESSION -> "axes.source.session";
                    case EXAMPLE_NC -> "axes.source.nc";
                    case EXAMPLE_NCHW -> "axes.source.nchw";
                }));
            }
        };
    }

    private ListCell<Integer> dimCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Integer k, boolean empty) {
                super.updateItem(k, empty);
                setText(empty || k == null ? null : model.layerDimLabel(k));
            }
        };
    }

    /** The part a figure export writes: caption, grid, legend and readout. */
    public Node figure() {
        return figure;
    }

    /** The grid's colours and strokes. */
    public void setChartTheme(ChartTheme theme) {
        grid.chartThemeProperty().set(theme);
    }

    private void redraw() {
        Picture pic = model.pictureProperty().get();
        if (pic == null) {
            grid.dataProperty().set(null);
            return;
        }
        int ns = pic.shownSamples();
        int cs = pic.shownChannels();
        int ps = pic.shownPositions();
        double[] colour = new double[ns * cs * ps];
        int[] set = new int[colour.length];
        String[] text = new String[colour.length];
        int i = 0;
        for (int n = 0; n < ns; n++) {
            for (int c = 0; c < cs; c++) {
                for (int p = 0; p < ps; p++) {
                    float v = pic.value(n, c, p);
                    colour[i] = pic.scale().t(v);
                    set[i] = pic.sets().setOf(n, c, p);
                    text[i] = NumberText.operand(v);
                    i++;
                }
            }
        }
        AxisExplorerViewModel.Cell h = model.hoveredProperty().get();
        int rank = pic.sets().shape().length;
        String position = switch (rank) {
            case 2 -> UiText.get("axes.axis.no.position");
            case 3 -> UiText.get("axes.axis.position", "l");
            case 4 -> UiText.get("axes.axis.position", "h\u00b7W + w");
            default -> UiText.get("axes.axis.position", "(d\u00b7H + h)\u00b7W + w");
        };
        AxisExplorerViewModel.ColourScale s = pic.scale();
        grid.dataProperty().set(new AxisGridData(ns, cs, ps, colour, set, text, model.highlightedSetProperty().get(),
                h.n(), h.c(), h.p(), UiText.get("axes.axis.sample"), UiText.get("axes.axis.channel"), position,
                UiText.get("axes.legend"), new String[] {NumberText.operand(s.lo()), NumberText.operand(s.mid()),
                    NumberText.operand(s.hi())}));
    }
}
