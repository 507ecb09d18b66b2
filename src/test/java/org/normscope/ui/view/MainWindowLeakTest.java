package org.normscope.ui.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.normscope.ui.view.WindowDriver.fx;
import static org.normscope.ui.view.WindowDriver.fxRun;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.normscope.preset.PresetLibrary;
import org.normscope.ui.viewmodel.MainViewModel;
import org.normscope.ui.viewmodel.ParameterRow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A thousand new layers in the real window leave no fields, rows or listeners behind. */
@ExtendWith(ApplicationExtension.class)
class MainWindowLeakTest {

    static final int REBUILDS = 1000;
    /**
     * Heap growth allowed between rebuild 100 and rebuild 1000, after GC. Run alone this test
     * grows about 1 MB; in the whole suite (one JVM for every class) other tests' background
     * threads have retained up to 7 MB meanwhile. A leak per rebuild of the window's own nodes is
     * caught by the node count and the weak references, which do not depend on the heap.
     */
    static final long MAX_GROWTH = 12L << 20;

    private final FxRobot robot = new FxRobot();
    private MainViewModel model;

    @Start
    void start(Stage stage) {
        model = new MainViewModel(PresetLibrary.builtIn());
        WindowDriver.show(stage, model);
    }

    @AfterEach
    void closeModel() {
        model.close();
    }

    @Test
    void aThousandNewLayersLeaveNothingBehind() throws Exception {
        List<WeakReference<Object>> early = new ArrayList<>();
        for (String id : new String[] {"#weight-0", "#bias-0", "#weight-3", "#bias-3"}) {
            early.add(new WeakReference<>(robot.lookup(id).queryAs(TextField.class)));
        }
        fxRun(() -> {
            for (ParameterRow row : model.layer().parameters()) {
                early.add(new WeakReference<>(row));
            }
        });
        Parent root = fx(() -> robot.lookup("#console").query().getScene().getRoot());
        int nodesAt100 = 0;
        java.util.Map<String, Integer> kindsAt100 = java.util.Map.of();
        long heapAt100 = 0;
        for (int i = 1; i <= REBUILDS; i++) {
            String c = i % 2 == 1 ? "3" : "5";
            fxRun(() -> {
                model.layer().numFeatures().textProperty().set(c);
                model.layer().numFeatures().commit();
            });
            model.awaitIdle();
            int expected = Integer.parseInt(c);
            int rows = fx(() -> {
                model.pull();
                return model.layer().parameters().size();
            });
            assertThat(rows).isEqualTo(expected);
            if (i <= 2) {
                // fields made by the window for the first new layers
                String last = "#weight-" + (expected - 1);
                early.add(new WeakReference<>(fx(() -> robot.lookup(last).queryAs(TextField.class))));
                fxRun(() -> model.layer().parameters().forEach(r -> early.add(new WeakReference<>(r))));
            }
            if (i == 100) {
                WindowDriver.waitFrames(2); // as before the count at the end: the charts draw over a few frames
                nodesAt100 = fx(() -> count(root));
                kindsAt100 = fx(() -> kinds(root));
                heapAt100 = org.normscope.testing.Heap.usedAfterGc();
            }
        }
        WindowDriver.waitFrames(2);
        int nodesAt1000 = fx(() -> count(root));
        long heapAt1000 = org.normscope.testing.Heap.usedAfterGc();

        // the window shows the last layer's fields, once each
        assertThat(fx(() -> robot.lookup("#weight-4").queryAll().size())).isEqualTo(1);
        assertThat(fx(() -> robot.lookup("#weight-5").queryAll().size())).isZero();
        java.util.Map<String, Integer> kindsAt1000 = fx(() -> kinds(root));
        assertThat(nodesAt1000).as("nodes in the window at rebuild 100 and %d (by kind: %s, then %s)", REBUILDS,
                kindsAt100, kindsAt1000).isEqualTo(nodesAt100);
        org.normscope.testing.Heap.awaitCollected(early,
                o -> o instanceof Node n ? n.getClass().getSimpleName() + "#" + n.getId() : o.getClass().getSimpleName());
        assertThat(heapAt1000 - heapAt100).as("heap growth from rebuild 100 to %d: %d → %d bytes", REBUILDS,
                heapAt100, heapAt1000).isLessThan(MAX_GROWTH);
    }

    /** How many nodes of each class the tree holds (says what grew when the count differs). */
    private static java.util.Map<String, Integer> kinds(Node node) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        java.util.ArrayDeque<Node> todo = new java.util.ArrayDeque<>(List.of(node));
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            counts.merge(n.getClass().getSimpleName(), 1, Integer::sum);
            if (n instanceof Parent p) {
                todo.addAll(p.getChildrenUnmodifiable());
            }
        }
        return counts;
    }

    private static int count(Node node) {
        int n = 1;
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                n += count(child);
            }
        }
        return n;
    }
}
