package org.normscope.lesson;

import java.util.List;
import java.util.Objects;

/**
 * A guided lesson: a title and a sequence of short stages, each on a preset (the format is
 * described in {@code resources/lessons/README.md}).
 *
 * @param id the file name without {@code .json} ({@code notebook}), or "" for a file read on its own
 */
public record Lesson(String id, Text title, List<Stage> stages) {

    public Lesson {
        Objects.requireNonNull(id);
        Objects.requireNonNull(title);
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a lesson needs at least one stage");
        }
    }

    /** A text in English and its Chinese translation ({@code zh-CN}). */
    public record Text(String en, String zhCn) {
        public Text {
            Objects.requireNonNull(en);
            Objects.requireNonNull(zhCn);
        }

        /** No text (an optional field left out). */
        public static final Text NONE = new Text("", "");

        public boolean isEmpty() {
            return en.isEmpty();
        }
    }

    /**
     * What the window does when a stage opens, after loading its preset: set every channel's
     * weight γ and bias β ({@code null}: leave them), switch the mode ({@code training} null:
     * leave it), then run {@code steps} steps.
     */
    public record Run(Boolean training, int steps, Float weight, Float bias) {
        public Run {
            if (steps < 0) {
                throw new IllegalArgumentException("steps must be at least 0, got " + steps);
            }
        }

        public Run(Boolean training, int steps) {
            this(training, steps, null, null);
        }
    }

    /** What a stage asks the class to predict before each step (the window's Predict box turns on). */
    public enum Ask {
        RUNNING_MEAN("running_mean"), RUNNING_VAR("running_var"), OUTPUT("y");

        private final String json;

        Ask(String json) {
            this.json = json;
        }

        /** As a lesson file names it. */
        public String json() {
            return json;
        }
    }

    /**
     * One stage of a lesson.
     *
     * @param preset the id of a built-in preset ({@code notebook})
     * @param run what to do once the preset is loaded, in order (empty: nothing)
     * @param text one paragraph
     * @param question the question to ask the class
     * @param press what to press
     * @param reveal the answer, shown when asked for (empty: none)
     * @param predict what the Predict box asks before each step, or null: Predict stays off
     * @param remoteSteps how many steps the presentation remote's "next" (Page Down) takes in this
     *                    stage before it moves on to the next stage
     */
    public record Stage(Text title, String preset, List<Run> run, Text text, Text question, Text press, Text reveal,
                        Ask predict, int remoteSteps) {

        public Stage(Text title, String preset, List<Run> run, Text text, Text question, Text press, Text reveal) {
            this(title, preset, run, text, question, press, reveal, null, 1);
        }

        public Stage {
            if (remoteSteps < 0) {
                throw new IllegalArgumentException("remoteSteps must be at least 0, got " + remoteSteps);
            }
            Objects.requireNonNull(title);
            Objects.requireNonNull(preset);
            run = List.copyOf(run);
            Objects.requireNonNull(text);
            Objects.requireNonNull(question);
            Objects.requireNonNull(press);
            Objects.requireNonNull(reveal);
        }
    }
}
