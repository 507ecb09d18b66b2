package org.normscope.ui.viewmodel;

import java.util.function.Consumer;
import org.normscope.lesson.Lesson;
import org.normscope.preset.Preset;
import org.normscope.session.SessionRunner;

/**
 * A lesson's stage opens: its preset is loaded (again, if it is the current one), then each of
 * the stage's runs sets the parameters, switches the mode and runs its steps, in order, on the
 * session's thread; the stage's question goes in the Predict box (its answer hidden until the step).
 */
final class LessonStageOpener {

    private final SessionRunner runner;
    private final PredictViewModel predict;
    private final Consumer<Preset> load;

    /** @param load loads a preset (see {@link PresetsViewModel#load}) */
    LessonStageOpener(SessionRunner runner, PredictViewModel predict, Consumer<Preset> load) {
        this.runner = runner;
        this.predict = predict;
        this.load = load;
    }

    void open(Preset p, Lesson.Stage stage) {
        predict.cancel();
        load.accept(p);
        for (Lesson.Run r : stage.run()) {
            if (r.weight() != null || r.bias() != null) {
                Float w = r.weight();
                Float b = r.bias();
                runner.submit(s -> s.fillParameters(w, b));
            }
            if (r.training() != null) {
                boolean t = r.training();
                runner.submit(s -> s.setTraining(t));
            }
            if (r.steps() > 0) {
                runner.step(r.steps());
            }
        }
        if (stage.predict() != null) {
            predict.askVarianceProperty().set(stage.predict() == Lesson.Ask.RUNNING_VAR);
            predict.onProperty().set(true);
        } else {
            predict.onProperty().set(false);
        }
    }
}
