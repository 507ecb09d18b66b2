package org.normscope.ui.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Window;
import org.normscope.ui.viewmodel.UiText;

/**
 * What an unexpected exception looks like to the user: its message, the details, a copy button; the app goes on.
 * The dialog's own words are in the window's language; the exception and the details (for a bug report) are as Java gives them.
 */
public final class ErrorDialog {

    private static boolean showing;

    private ErrorDialog() {
    }

    /**
     * Shows the dialog after the current pulse, from any thread, unless one is already open: a burst
     * of errors gives one dialog. Never at once: JavaFX refuses to show a dialog and wait during
     * animation or layout processing, which is where an error in a chart's drawing or an
     * {@code AnimationTimer} comes from.
     */
    public static void show(Throwable error, Window owner) {
        Platform.runLater(() -> open(error, owner));
    }

    /** Whether the dialog is open. */
    static boolean isShowing() {
        return showing;
    }

    private static void open(Throwable error, Window owner) {
        if (showing) {
            return;
        }
        showing = true;
        try {
            // made on each showing, so that the button speaks the window's current language
            ButtonType copyDetails = new ButtonType(UiText.get("error.copy"), ButtonBar.ButtonData.LEFT);
            Alert alert = new Alert(Alert.AlertType.ERROR, null, copyDetails, ButtonType.CLOSE);
            alert.setTitle(UiText.get("error.title"));
            alert.setHeaderText(UiText.get("error.header"));
            alert.setContentText(message(error));
            if (owner != null) {
                alert.initOwner(owner);
            }
            String details = details(error);
            TextArea area = new TextArea(details);
            area.setEditable(false);
            area.setPrefRowCount(14);
            alert.getDialogPane().setExpandableContent(area);
            Button copy = (Button) alert.getDialogPane().lookupButton(copyDetails);
            copy.addEventFilter(ActionEvent.ACTION, e -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(details);
                Clipboard.getSystemClipboard().setContent(content);
                copy.setText(UiText.get("error.copied"));
                e.consume(); // keep the dialog open
            });
            alert.show(); // not showAndWait: nothing here needs the answer, and no pulse is held up
            // on the window, not the dialog: closed by its button or by the window system, the next error shows
            alert.getDialogPane().getScene().getWindow().addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN,
                    e -> showing = false);
        } catch (RuntimeException e) {
            showing = false;
            throw e;
        }
    }

    /** The one line the dialog leads with. */
    static String message(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** The full stack trace, for a bug report. */
    static String details(Throwable error) {
        StringWriter s = new StringWriter();
        error.printStackTrace(new PrintWriter(s));
        return org.normscope.NormScope.NAME_AND_VERSION + ", Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name")
                + "\n" + s;
    }
}
