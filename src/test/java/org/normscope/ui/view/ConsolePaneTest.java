package org.normscope.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.normscope.session.ConsoleLog;
import org.normscope.ui.viewmodel.ConsoleViewModel;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The console follows the newest line: after each print the last line sits whole at the bottom. */
@ExtendWith(ApplicationExtension.class)
class ConsolePaneTest {

    private final ConsoleLog log = new ConsoleLog(400);
    private final ConsoleViewModel model = new ConsoleViewModel();
    private ConsolePane pane;

    @Start
    void start(Stage stage) {
        pane = new ConsolePane(model, new SimpleDoubleProperty(15));
        stage.setScene(new Scene(pane, 700, 230));
        stage.show();
    }

    @Test
    void theNewestLineIsWholeAtTheBottomAfterEveryPrint() throws Exception {
        // up to 5,000 lines are kept: the last prints drop the oldest lines as they add new ones
        for (int k = 1; k <= 40; k++) {
            int step = k;
            fx(() -> {
                StringBuilder b = new StringBuilder("step " + step);
                for (int i = 0; i < 150; i++) {
                    b.append("\n  line ").append(i).append(" of step ").append(step);
                }
                log.append(ConsoleLog.Kind.STEP, b.toString());
                model.pull(log);
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            String expectedLast = "  line 149 of step " + step;
            fx(() -> {
                VirtualFlow<?> flow = (VirtualFlow<?>) pane.lookup(".virtual-flow");
                IndexedCell<?> last = flow.getLastVisibleCell();
                assertThat(last.getItem()).as("the last line shown").isEqualTo(
                        new ConsolePane.Line(expectedLast, ConsoleViewModel.Kind.STEP, false));
                double bottom = last.localToScene(last.getLayoutBounds()).getMaxY();
                double viewport = flow.localToScene(flow.getLayoutBounds()).getMaxY();
                assertThat(bottom).as("its bottom against the list's").isBetween(viewport - 1.0, viewport + 0.5);
                return null;
            });
        }
    }

    private static <T> T fx(Callable<T> task) throws Exception {
        return WaitForAsyncUtils.asyncFx(task).get(30, TimeUnit.SECONDS);
    }
}
