package org.normscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.batch.BatchSpec;
import org.normscope.engine.Momentum;
import org.normscope.scenario.LayerKind;

/**
 * Undo and redo of every kind of change: a change that starts the stats again comes back with
 * the layer and the history it discarded, bit for bit; any other gives its settings back while
 * the history goes on. Steps are never undone.
 */
class UndoTest {

    @AfterEach
    void english() {
        SessionText.setLocale(Locale.ENGLISH);
    }

    /** BatchNorm1d(3) on (4, 3, 2) normal batches, a comparison with momentum None, and a few changes already made. */
    private static Session session() {
        Session s = new Session(Fixtures.bn1d(3, Momentum.of(0.1)), Fixtures.normal(4, new int[] {2}, 3, 0.01, 11),
                Momentum.CUMULATIVE);
        s.step();
        s.setWeight(0, 1.5f);
        s.setBias(1, -0.25f);
        s.configure(s.config().withEps(1e-3));
        return s;
    }

    /** Every float as its bits: equal lists mean equal bit for bit. */
    private static String bits(float[] values) {
        if (values == null) {
            return "null";
        }
        int[] b = new int[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = Float.floatToRawIntBits(values[i]);
        }
        return Arrays.toString(b);
    }

    /** The settings an Adjust change gives back. */
    private static List<Object> settings(Session s) {
        SessionSnapshot snap = s.snapshot();
        return List.of(snap.layer(), snap.training(), snap.batches(), String.valueOf(snap.compareMomentum()),
                bits(snap.weight()), bits(snap.bias()));
    }

    /** Everything a session is, bit for bit: settings, parameters, buffers, the comparison's, the last step and the curves. */
    private static List<Object> look(Session s) {
        SessionSnapshot snap = s.snapshot();
        List<Object> all = new ArrayList<>(settings(s));
        all.addAll(List.of(snap.step(), snap.numBatchesTracked(), Double.doubleToRawLongBits(snap.lastFactor()),
                snap.lastN(), bits(snap.runningMean()), bits(snap.runningVar()), bits(snap.compareRunningMean()),
                bits(snap.compareRunningVar()), bits(snap.batchMean()), bits(snap.batchVar()),
                String.valueOf(snap.refusal()), snap.outlierQueued()));
        all.add(curves(s));
        return all;
    }

    /** Every recorded value of every channel, step 0 included. */
    private static List<String> curves(Session s) {
        SessionHistory h = s.history();
        List<String> out = new ArrayList<>();
        out.add("steps " + h.steps());
        for (Stat stat : SessionHistory.exportable()) {
            for (int c = 0; c < h.channels(); c++) {
                float[] v = new float[(int) h.steps() + 1];
                v[0] = h.initialValue(stat, c);
                for (long t = 1; t <= h.steps(); t++) {
                    v[(int) t] = h.valueAt(stat, c, t);
                }
                out.add(stat + "[" + c + "] " + bits(v));
            }
        }
        return out;
    }

    private static void steps(Session s, int n) {
        for (int i = 0; i < n; i++) {
            assertThat(s.step()).isTrue();
        }
    }

    private static String lastConsole(Session s) {
        List<ConsoleLog.Entry> e = s.console().entries();
        return e.get(e.size() - 1).text();
    }

    static Stream<Arguments> restarts() {
        return Stream.of(
                Arguments.of("kind change", (Consumer<Session>) s -> s.configure(s.config().withKind(LayerKind.BATCH_NORM_2D))),
                Arguments.of("num_features change", (Consumer<Session>) s -> s.configure(s.config().withNumFeatures(5))),
                Arguments.of("affine change", (Consumer<Session>) s -> s.configure(s.config().withAffine(false))),
                Arguments.of("track_running_stats change",
                        (Consumer<Session>) s -> s.configure(s.config().withTrackRunningStats(false))),
                Arguments.of("layer change", (Consumer<Session>) s -> s.configure(s.config().withAffine(false)
                        .withNumFeatures(2))),
                Arguments.of("Reset layer", (Consumer<Session>) Session::resetLayer),
                Arguments.of("load of preset", (Consumer<Session>) s -> s.load(Fixtures.bn1d(2, Momentum.of(0.5)),
                        Fixtures.normal(8, new int[0], 2, 0, 3), null, false)),
                Arguments.of("reset_running_stats()", (Consumer<Session>) Session::resetRunningStats));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("restarts")
    void aChangeThatStartsTheStatsAgainIsUndoneWithTheHistoryItDiscarded(String name, Consumer<Session> change) {
        Session s = session();
        steps(s, 30);
        List<Object> before = look(s);
        List<SessionJournal.Entry> journal = s.journal().entries();
        assertThat(s.history().steps()).isEqualTo(31);

        change.accept(s);
        assertThat(s.undoable().text()).isEqualTo(name);
        steps(s, 20);
        List<Object> atUndo = look(s);

        assertThat(s.undo()).isTrue();
        assertThat(look(s)).as("the layer, its buffers and the curves as just before the change").isEqualTo(before);
        assertThat(s.history().steps()).isEqualTo(31);
        assertThat(s.stepCount()).isEqualTo(31);
        assertThat(s.journal().entries()).isEqualTo(journal);
        assertThat(s.undoable().text()).as("the earlier eps change").isEqualTo("eps change");
        assertThat(s.redoable().text()).isEqualTo(name);
        assertThat(lastConsole(s)).startsWith("Undone: " + name + "\nThe layer is back as it was: nn." + s.layer()
                + " at step 31");
        assertThat(s.snapshot().notice()).isEqualTo("Undone: " + name);

        assertThat(s.redo()).isTrue();
        assertThat(look(s)).as("the state at the time of the undo, its 20 steps included").isEqualTo(atUndo);
        assertThat(s.undoable().text()).isEqualTo(name);
        assertThat(s.redoable()).isNull();
        assertThat(s.snapshot().notice()).isEqualTo("Redone: " + name);

        assertThat(s.undo()).isTrue();
        assertThat(look(s)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("restarts")
    void afterTheUndoTheStepsGoOnAsIfTheChangeHadNeverBeenMade(String name, Consumer<Session> change) {
        Session s = session();
        Session twin = session();
        steps(s, 30);
        steps(twin, 30);
        change.accept(s);
        steps(s, 7);
        s.undo();

        steps(s, 12);
        steps(twin, 12);

        assertThat(look(s)).isEqualTo(look(twin));
        assertThat(s.lastOutput().data()).isEqualTo(twin.lastOutput().data());
    }

    static Stream<Arguments> adjustments() {
        return Stream.of(
                Arguments.of("eps change", (Consumer<Session>) s -> s.configure(s.config().withEps(0.5))),
                Arguments.of("momentum change", (Consumer<Session>) s -> s.configure(s.config()
                        .withMomentum(Momentum.of(0.75)))),
                Arguments.of("momentum change", (Consumer<Session>) s -> s.configure(s.config()
                        .withMomentum(Momentum.CUMULATIVE))),
                Arguments.of("eps and momentum change", (Consumer<Session>) s -> s.configure(s.config().withEps(0.5)
                        .withMomentum(Momentum.CUMULATIVE))),
                Arguments.of("switch to eval mode", (Consumer<Session>) s -> s.setTraining(false)),
                Arguments.of("\u03b3[2]", (Consumer<Session>) s -> s.setWeight(2, -3.5f)),
                Arguments.of("\u03b2[0]", (Consumer<Session>) s -> s.setBias(0, 4f)),
                Arguments.of("\u03b3 and \u03b2 of every channel", (Consumer<Session>) s -> s.fillParameters(2f, 0.5f)),
                Arguments.of("input settings change", (Consumer<Session>) s -> s.setBatches(
                        Fixtures.normal(6, new int[] {3}, 3, -0.2, 99))),
                Arguments.of("comparison layer change", (Consumer<Session>) s -> s.setCompareMomentum(Momentum.of(0.9))),
                Arguments.of("comparison layer change", (Consumer<Session>) s -> s.setCompareMomentum(null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adjustments")
    void aChangeOfSettingsIsUndoneWhileTheHistoryKeepsItsSteps(String name, Consumer<Session> change) {
        Session s = session();
        steps(s, 30);
        List<Object> before = settings(s);
        change.accept(s);
        List<Object> after = settings(s);
        assertThat(after).isNotEqualTo(before);
        assertThat(s.undoable().text()).isEqualTo(name);
        steps(s, 20);
        List<String> curves = curves(s);

        assertThat(s.undo()).isTrue();
        assertThat(settings(s)).isEqualTo(before);
        assertThat(s.stepCount()).as("steps are not undone").isEqualTo(51);
        assertThat(curves(s)).as("the history goes on: nothing recorded is taken back").isEqualTo(curves);
        assertThat(s.redoable().text()).isEqualTo(name);
        assertThat(s.snapshot().notice()).isEqualTo("Undone: " + name);
        assertThat(s.console().entries().stream().map(ConsoleLog.Entry::text).toList())
                .as("the notice, then the settings set back as any change").contains("Undone: " + name);

        steps(s, 5);
        assertThat(s.redo()).isTrue();
        assertThat(settings(s)).isEqualTo(after);
        assertThat(s.stepCount()).isEqualTo(56);
        assertThat(s.history().steps()).isEqualTo(56);
        assertThat(s.snapshot().notice()).isEqualTo("Redone: " + name);
    }

    @Test
    void undoingEpsPrintsTheAssignmentAndJournalsItAsAnyChange() {
        Session s = session();
        s.configure(s.config().withEps(0.5));
        s.undo();
        List<String> texts = s.console().entries().stream().map(ConsoleLog.Entry::text).toList();
        assertThat(texts.subList(texts.size() - 2, texts.size())).containsExactly("Undone: eps change",
                ">>> layer.eps = 0.001\n(applies from the next step, as in PyTorch)");
        assertThat(s.journal().last()).isEqualTo(new SessionJournal.EpsSet(1e-3));
        assertThat(s.layer().eps()).isEqualTo(1e-3);
    }

    @Test
    void aRefusedAttemptBeforeANewLayerComesBackWithIt() {
        Session s = session();
        steps(s, 4);
        s.setBatches(SessionDriver.oneRow(3));
        assertThat(s.step()).isFalse();
        List<Object> before = look(s);
        String refusal = s.refusal();
        long tracked = s.layer().numBatchesTracked();

        s.resetLayer();
        s.undo();

        assertThat(look(s)).isEqualTo(before);
        assertThat(s.refusal()).isEqualTo(refusal);
        assertThat(s.layer().numBatchesTracked()).isEqualTo(tracked);
    }

    @Test
    void aNewChangeClearsWhatCouldBeRedone() {
        Session s = session();
        s.setTraining(false);
        s.undo();
        assertThat(s.redoable()).isNotNull();

        s.setWeight(1, 9f);

        assertThat(s.redoable()).isNull();
        assertThat(s.redo()).isFalse();
        assertThat(s.isTraining()).isTrue();
        assertThat(s.undoable().text()).isEqualTo("\u03b3[1]");
    }

    @Test
    void aHundredChangesAreKeptAndTheOldestGo() {
        Session s = session();
        for (int i = 1; i <= 150; i++) {
            s.configure(s.config().withEps(i));
        }
        assertThat(s.edits().undoSize()).isEqualTo(UndoStack.MAX_ENTRIES);
        for (int i = 0; i < UndoStack.MAX_ENTRIES; i++) {
            assertThat(s.undo()).isTrue();
        }
        assertThat(s.config().eps()).as("back to the 50th change: the 50 before it were dropped").isEqualTo(50);
        assertThat(s.undo()).isFalse();
        assertThat(s.config().eps()).isEqualTo(50);
        assertThat(s.edits().redoSize()).isEqualTo(UndoStack.MAX_ENTRIES);
    }

    @Test
    void undoWithNothingToUndoChangesNothing() {
        Session s = new Session(Fixtures.bn1d(3, Momentum.of(0.1)), Fixtures.normal(4, new int[] {2}, 3, 0, 1), null);
        steps(s, 10);
        List<Object> before = look(s);
        long version = s.version();
        long seq = s.console().lastSeq();

        assertThat(s.undo()).isFalse();
        assertThat(s.redo()).isFalse();

        assertThat(look(s)).isEqualTo(before);
        assertThat(s.version()).isEqualTo(version);
        assertThat(s.console().lastSeq()).isEqualTo(seq);
        assertThat(s.snapshot().undoable()).isNull();
        assertThat(s.snapshot().redoable()).isNull();
    }

    @Test
    void stepsAreNeverUndone() {
        Session s = session();
        s.clearUndo();
        steps(s, 25);
        assertThat(s.undo()).isFalse();
        assertThat(s.stepCount()).isEqualTo(26);

        s.setTraining(false);
        steps(s, 5);
        s.undo();
        assertThat(s.stepCount()).isEqualTo(31);
        assertThat(s.undo()).as("only the mode change was there").isFalse();
    }

    @Test
    void whatIsNotASettingIsNotRecorded() {
        Session s = session();
        s.clearUndo();
        s.queueOutlier();
        s.setHistogramChannels(List.of(2, 1));
        s.step();
        s.printAgain(1);
        s.setTraining(true); // already
        s.configure(s.config()); // the same
        s.setWeight(0, 1.5f); // the same value
        s.setBatches(s.batches());
        s.setCompareMomentum(Momentum.CUMULATIVE); // the same
        s.setWeight(7, 1f); // no such channel: dropped
        assertThat(s.undoable()).isNull();
    }

    @Test
    void redoAfterStepsGivesBackTheStateAtTheUndoAndUndoThenTheStepsRunSince() {
        Session s = session();
        steps(s, 10);
        s.resetLayer();
        steps(s, 10);
        List<Object> atUndo = look(s);
        s.undo();
        steps(s, 6);
        List<Object> withSix = look(s);

        s.redo();
        assertThat(look(s)).isEqualTo(atUndo);
        s.undo();
        assertThat(look(s)).isEqualTo(withSix);
    }

    @Test
    void undoAndRedoWalkBackAndForthThroughMixedChanges() {
        Session s = session();
        List<List<Object>> looks = new ArrayList<>();
        looks.add(look(s));
        List<Consumer<Session>> changes = List.of(
                x -> x.configure(x.config().withMomentum(Momentum.of(0.4))),
                Session::resetRunningStats,
                x -> x.setWeight(1, 0.5f),
                x -> x.configure(x.config().withNumFeatures(4)),
                x -> x.setBias(3, 2f),
                x -> x.setTraining(false),
                Session::resetLayer,
                x -> x.setBatches(Fixtures.normal(3, new int[] {5}, 4, 0, 8)));
        for (Consumer<Session> c : changes) {
            c.accept(s);
            steps(s, 3);
            looks.add(look(s));
        }
        // undo all: the settings of each point come back; the last undo of each Restart gives its state exactly
        for (int i = changes.size() - 1; i >= 0; i--) {
            assertThat(s.undo()).isTrue();
            assertThat(look(s).subList(0, 6)).as("settings after undoing change %d", i)
                    .isEqualTo(looks.get(i).subList(0, 6));
        }
        assertThat(s.undo()).as("the session's first changes were made before").isTrue();
        s.redo();
        for (int i = 0; i < changes.size(); i++) {
            assertThat(s.redo()).isTrue();
            assertThat(look(s).subList(0, 6)).as("settings after redoing change %d", i)
                    .isEqualTo(looks.get(i + 1).subList(0, 6));
        }
        assertThat(s.redo()).isFalse();
        assertThat(look(s)).as("the last change was Adjust: its state is the last one's").isEqualTo(looks.get(
                changes.size()));
    }

    @Test
    void openingASessionForgetsWhatCouldBeUndone() {
        Session s = session();
        s.resetLayer();
        Session other = session();
        steps(other, 4);

        s.open(other.state().detached());

        assertThat(s.undoable()).isNull();
        assertThat(s.redoable()).isNull();
        assertThat(s.stepCount()).isEqualTo(5);
    }

    @Test
    void theHistoriesKeptStayWithinTheBudgetTheOldestGoingFirst() {
        Session s = session();
        steps(s, 50);
        long one = s.history().bytes();
        assertThat(one).isPositive();
        s.edits().setLimits(UndoStack.MAX_ENTRIES, one * 3);
        for (int i = 0; i < 6; i++) {
            s.resetRunningStats();
            steps(s, 10);
        }
        assertThat(s.edits().bytes()).isLessThanOrEqualTo(one * 3);
        int kept = s.edits().undoSize();
        assertThat(kept).isBetween(1, 5);
        for (int i = 0; i < kept; i++) {
            assertThat(s.undo()).isTrue();
        }
        assertThat(s.undo()).isFalse();
        assertThat(s.stepCount()).as("the oldest resets were dropped: the newest ones are undone").isGreaterThan(51);
    }

    @Test
    void theNextUndoStaysWhateverItsSize() {
        Session s = session();
        steps(s, 20);
        s.edits().setLimits(UndoStack.MAX_ENTRIES, 0);
        s.resetLayer();
        s.resetLayer();
        assertThat(s.edits().undoSize()).isEqualTo(1);
        assertThat(s.undo()).isTrue();
        assertThat(s.redo()).isTrue();
        assertThat(s.undo()).isTrue();
    }

    @Test
    void theChangesAreNamedInTheWindowsLanguage() {
        Session s = session();
        s.configure(s.config().withEps(0.5));
        SessionText.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(s.snapshot().undoable().text()).isEqualTo("eps \u4fee\u6539");
        s.undo();
        assertThat(s.snapshot().notice()).isEqualTo("\u5df2\u64a4\u9500\uff1aeps \u4fee\u6539");
        assertThat(s.snapshot().redoable().text()).isEqualTo("eps \u4fee\u6539");
    }

    @Test
    void theNoticeNumbersKeepGrowingThroughAnUndo() {
        Session s = session();
        long before = s.snapshot().noticeId();
        s.resetLayer();
        long afterReset = s.snapshot().noticeId();
        s.undo();
        assertThat(s.snapshot().noticeId()).as("the window tells a new notice by its number")
                .isGreaterThan(afterReset).isGreaterThan(before);
    }

    @Test
    void undoKeepsTheConsoleAsATranscript() {
        Session s = session();
        s.resetLayer();
        steps(s, 2);
        List<ConsoleLog.Entry> log = s.console().entries();
        long restoredAt = s.console().restoredAt();
        s.undo();
        List<ConsoleLog.Entry> now = s.console().entries();
        assertThat(now.subList(0, log.size())).isEqualTo(log);
        assertThat(s.console().restoredAt()).as("not replaced: the window appends").isEqualTo(restoredAt);
    }

    @Test
    void theStatesKeptForUndoHoldNoConsole() {
        Session s = session();
        steps(s, 20);
        s.resetLayer();
        steps(s, 3);
        s.resetRunningStats();
        s.undo();
        List<UndoStack.Entry> kept = new ArrayList<>();
        s.edits().undoEntries().forEachRemaining(kept::add);
        kept.add(s.edits().peekRedo());
        List<SessionState> states = kept.stream().filter(e -> e.saved() instanceof UndoStack.Restart)
                .map(e -> ((UndoStack.Restart) e.saved()).state()).toList();
        assertThat(states).hasSize(2);
        assertThat(states).allSatisfy(st -> assertThat(st.console()).isEmpty());
        assertThat(s.console().entries()).hasSizeGreaterThan(20);
    }

    @Test
    void aLoadThatIsRefusedRecordsNothing() {
        Session s = session();
        s.clearUndo();
        BatchSpec wrong = Fixtures.normal(4, new int[] {2}, 5, 0, 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.load(Fixtures.bn1d(3, Momentum.of(0.1)), wrong,
                null, true)).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.setBatches(wrong))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(s.undoable()).isNull();
    }
}
