package org.normscope.sessionfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normscope.batch.ChannelSource;
import org.normscope.engine.Momentum;
import org.normscope.preset.Preset;
import org.normscope.preset.PresetLibrary;
import org.normscope.session.ConsoleLog;
import org.normscope.session.Session;
import org.normscope.session.SessionHistory;
import org.normscope.session.SessionSnapshot;
import org.normscope.session.Stat;

class SessionFileTest {

    @TempDir
    Path dir;

    /** A session that went through every kind of change, past the exact window. */
    static Session eventful() {
        Preset p = PresetLibrary.find("noisy-small-batches");
        Session s = new Session(p.layer(), p.batches(), null);
        for (int i = 0; i < 6_000; i++) {
            s.stepQuietly();
        }
        s.configure(s.config().withEps(1e-3));
        s.setWeight(1, 2.5f);
        s.setBias(2, -0.75f);
        s.step();
        s.setCompareMomentum(Momentum.CUMULATIVE);
        s.queueOutlier();
        s.step();
        s.setBatches(s.batches().withSource(3, new ChannelSource.Uniform(-1, 4)));
        for (int i = 0; i < 5_500; i++) {
            s.stepQuietly();
        }
        s.configure(s.config().withMomentum(Momentum.CUMULATIVE));
        s.resetRunningStats();
        s.step();
        s.setTraining(false);
        s.step();
        s.setTraining(true);
        for (int i = 0; i < 321; i++) {
            s.stepQuietly();
        }
        s.printUnprinted();
        return s;
    }

    @Test
    void aSavedSessionOpensAsItWasAndGoesOnTheSame() throws Exception {
        Session original = eventful();
        Path file = dir.resolve("lesson.normscope");
        SessionView view = new SessionView(11_000, 9_000, 11_800, 2_801, false, 2, true, List.of(1, 3), "note", false, "Noisy small batches");
        SessionFile.save(file, new SessionFile.Saved(original.state(), view));

        SessionFile.Saved opened = SessionFile.open(file);
        assertEquals(view, opened.view());
        Session copy = Session.notebook();
        copy.restore(opened.state());

        assertSameSession(original, copy);
        for (int i = 0; i < 150; i++) {
            assertEquals(original.stepQuietly(), copy.stepQuietly());
        }
        original.step();
        copy.step();
        assertSameSession(original, copy);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"group-norm-groups", "layer-norm-per-sample",
            "instance-norm-images"})
    void aSessionOfTheFamilyOpensAsItWasAndGoesOnTheSame(String preset) throws Exception {
        Preset p = PresetLibrary.find(preset);
        Session original = new Session(p.layer(), p.batches(), null);
        for (int i = 0; i < 40; i++) {
            original.stepQuietly();
        }
        original.setWeight(1, 1.5f);
        original.step();
        Path file = dir.resolve(preset + ".normscope");
        SessionFile.save(file, new SessionFile.Saved(original.state(), SessionView.DEFAULT));
        Session copy = Session.notebook();
        copy.restore(SessionFile.open(file).state());
        assertEquals(original.config(), copy.config());
        assertSameSession(original, copy);
        for (int i = 0; i < 20; i++) {
            assertEquals(original.stepQuietly(), copy.stepQuietly());
        }
        original.step();
        copy.step();
        assertSameSession(original, copy);
    }

    @Test
    void aSessionSavedBeforeAnyStepOpensBeforeAnyStep() throws Exception {
        Preset p = PresetLibrary.find("notebook");
        Session original = new Session(p.layer(), p.batches(), null);
        Path file = dir.resolve("new.normscope");
        SessionFile.save(file, new SessionFile.Saved(original.state(), SessionView.DEFAULT));
        Session copy = Session.notebook();
        copy.restore(SessionFile.open(file).state());
        assertSameSession(original, copy);
        original.step();
        copy.step();
        assertSameSession(original, copy);
    }

    @Test
    void aSessionOpensAsItWasOverOneWhoseLayerHasRunSteps() throws Exception {
        Preset p = PresetLibrary.find("noisy-small-batches");
        Session original = new Session(p.layer(), p.batches(), null);
        for (int i = 0; i < 40; i++) {
            original.step();
        }
        Path file = dir.resolve("over.normscope");
        SessionFile.save(file, new SessionFile.Saved(original.state(), SessionView.DEFAULT));
        // the batch's stats come from the layer that ran the step again, not from the one it replaces
        for (int channels : new int[] {p.layer().numFeatures(), p.layer().numFeatures() + 3}) {
            org.normscope.batch.BatchSpec b = p.batches().withChannels(channels);
            Session copy = new Session(p.layer().withNumFeatures(channels), new org.normscope.batch.BatchSpec(
                    b.batchSize(), b.spatial(), b.sources(), b.driftPerStep(), b.seed() + 1, true), null);
            for (int i = 0; i < 5; i++) {
                copy.step();
            }
            copy.restore(SessionFile.open(file).state());
            assertSameSession(original, copy);
        }
    }

    @Test
    void aSessionWhoseLastAttemptWasRefusedOpensWithTheRefusal() throws Exception {
        Preset p = PresetLibrary.find("notebook");
        Session original = new Session(p.layer(), p.batches(), Momentum.of(0.5));
        original.step();
        original.setBatches(new org.normscope.batch.BatchSpec(1, new int[] {1}, p.batches().sources(), 0, 3, true));
        assertFalse(original.step());
        Path file = dir.resolve("refused.normscope");
        SessionFile.save(file, new SessionFile.Saved(original.state(), SessionView.DEFAULT));
        Session copy = Session.notebook();
        copy.restore(SessionFile.open(file).state());
        assertNotNull(copy.refusal());
        assertSameSession(original, copy);
        assertNotNull(copy.refusedAttempt());
    }

    static void assertSameSession(Session a, Session b) throws IOException {
        SessionSnapshot x = a.snapshot();
        SessionSnapshot y = b.snapshot();
        assertEquals(x.step(), y.step());
        assertEquals(x.training(), y.training());
        assertEquals(x.layer(), y.layer());
        assertEquals(x.compareMomentum(), y.compareMomentum());
        assertEquals(x.batches(), y.batches());
        assertEquals(x.numBatchesTracked(), y.numBatchesTracked());
        assertEquals(Double.doubleToLongBits(x.lastFactor()), Double.doubleToLongBits(y.lastFactor()));
        assertEquals(x.lastN(), y.lastN());
        assertBits(x.runningMean(), y.runningMean());
        assertBits(x.runningVar(), y.runningVar());
        assertBits(x.compareRunningMean(), y.compareRunningMean());
        assertBits(x.compareRunningVar(), y.compareRunningVar());
        assertBits(x.weight(), y.weight());
        assertBits(x.bias(), y.bias());
        assertBits(x.batchMean(), y.batchMean());
        assertBits(x.batchVar(), y.batchVar());
        assertEquals(histograms(x.inputHistograms()), histograms(y.inputHistograms()));
        assertEquals(histograms(x.outputHistograms()), histograms(y.outputHistograms()));
        assertEquals(x.refusal(), y.refusal());
        assertEquals(x.notice(), y.notice());
        assertEquals(x.outlierQueued(), y.outlierQueued());
        assertEquals(a.journal().entries(), b.journal().entries());
        assertEquals(texts(a.console()), texts(b.console()));
        SessionHistory h = a.history();
        SessionHistory k = b.history();
        assertEquals(h.steps(), k.steps());
        assertEquals(h.exactFrom(), k.exactFrom());
        for (Stat stat : Stat.values()) {
            for (int c = 0; c < h.channels(); c++) {
                assertEquals(Float.floatToRawIntBits(h.initialValue(stat, c)), Float.floatToRawIntBits(k.initialValue(stat, c)));
                for (long[] range : new long[][] {{1, h.steps()}, {h.exactFrom(), h.steps()}, {1, 777}, {3, 9_999}}) {
                    float[][] one = columns(h, stat, c, range);
                    float[][] two = columns(k, stat, c, range);
                    for (int i = 0; i < 3; i++) {
                        assertBits(one[i], two[i]);
                    }
                }
            }
        }
        for (Stat stat : SessionHistory.exportable()) {
            assertEquals(csv(h, stat), csv(k, stat));
        }
        long t = h.steps();
        if (t >= 1) {
            assertEquals(a.reprint(t), b.reprint(t));
            assertEquals(a.reprint(h.exactFrom()), b.reprint(k.exactFrom()));
        }
    }

    private static List<String> histograms(List<org.normscope.session.ChannelHistogram> list) {
        List<String> out = new ArrayList<>();
        for (org.normscope.session.ChannelHistogram h : list) {
            out.add(h.lo() + " " + h.hi() + " " + java.util.Arrays.toString(h.counts()) + " " + h.nonFinite() + " "
                    + h.mean());
        }
        return out;
    }

    private static float[][] columns(SessionHistory h, Stat stat, int c, long[] range) {
        int n = 97;
        float[][] out = new float[3][n];
        h.columns(stat, c, range[0], Math.max(range[0], range[1]), n, out[0], out[1], out[2]);
        return out;
    }

    private static String csv(SessionHistory h, Stat stat) throws IOException {
        StringBuilder out = new StringBuilder();
        h.csvColumns(stat).write(out, 1, Math.max(1, h.steps()), Math.max(1, h.steps() / 1000));
        return out.toString();
    }

    private static List<String> texts(ConsoleLog log) {
        List<String> out = new ArrayList<>();
        for (ConsoleLog.Entry e : log.entries()) {
            out.add(e.kind() + ": " + e.text());
        }
        return out;
    }

    private static void assertBits(float[] a, float[] b) {
        if (a == null || b == null) {
            assertEquals(a == null, b == null);
            return;
        }
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), "at " + i);
        }
    }

    // ---- refusals ---------------------------------------------------------------------------------

    @Test
    void aNewerVersionIsRefusedInOneSentence() throws Exception {
        Path file = dir.resolve("future.normscope");
        byte[] good = bytes(eventfulSmall());
        Files.write(file, replaceSettings(good, s -> s.replace("\"version\" : 1", "\"version\" : 2")));
        SessionFileException e = assertThrows(SessionFileException.class, () -> SessionFile.open(file));
        assertEquals(file + ": written by a newer NormScope (session format version 2; this one, "
                + org.normscope.NormScope.VERSION + ", opens version 1 and older)", e.getMessage());
    }

    @Test
    void everyTruncationIsRefusedInOneSentence() throws Exception {
        byte[] good = bytes(eventfulSmall());
        Path file = dir.resolve("cut.normscope");
        for (int len = 0; len < good.length; len += Math.max(1, good.length / 300)) {
            Files.write(file, java.util.Arrays.copyOf(good, len));
            SessionFileException e = assertThrows(SessionFileException.class, () -> SessionFile.open(file), "at " + len);
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        }
    }

    @Test
    void flippedBytesInTheHistoryAreRefusedOrOpenWithoutAnErrorOfOurOwn() throws Exception {
        Session s = eventfulSmall();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        SessionBinary.write(s.state(), new java.io.DataOutputStream(raw));
        byte[] history = raw.toByteArray();
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        Path file = dir.resolve("flipped.normscope");
        String settings = settingsOf(bytes(s));
        for (int trial = 0; trial < 300; trial++) {
            byte[] bad = history.clone();
            int at = random.nextInt(Math.min(bad.length, 4096));
            bad[at] ^= (byte) (1 + random.nextInt(255));
            Files.write(file, zip(settings, bad));
            try {
                Session copy = Session.notebook();
                copy.restore(SessionFile.open(file).state());
            } catch (SessionFileException e) {
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
            } catch (IllegalArgumentException e) {
                // the session refuses parts that do not fit together: the window reports it as a damaged file
            }
        }
    }

    @Test
    void notAZipAFolderAndAMissingFileAreRefused() throws Exception {
        Path text = dir.resolve("text.normscope");
        Files.writeString(text, "{\"format\": \"normscope-session\"}");
        assertEquals(text + ": not a NormScope session (not a zip archive)",
                assertThrows(SessionFileException.class, () -> SessionFile.open(text)).getMessage());
        assertEquals(dir + ": is a folder, not a session file",
                assertThrows(SessionFileException.class, () -> SessionFile.open(dir)).getMessage());
        Path none = dir.resolve("none.normscope");
        assertEquals(none + ": no such file",
                assertThrows(SessionFileException.class, () -> SessionFile.open(none)).getMessage());
    }

    @Test
    void anUnknownFieldIsRefusedWithItsPathAndTheNearestName() throws Exception {
        Path file = dir.resolve("typo.normscope");
        byte[] good = bytes(eventfulSmall());
        Files.write(file, replaceSettings(good, s -> s.replace("\"outlier_next\"", "\"outlier_nxt\"")));
        assertEquals(file + ": state.outlier_nxt: unknown field (did you mean \"outlier_next\"?)",
                assertThrows(SessionFileException.class, () -> SessionFile.open(file)).getMessage());
        Files.write(file, replaceSettings(good, s -> s.replace("\"eps\" : 0.001", "\"eps\" : -1")));
        assertTrue(assertThrows(SessionFileException.class, () -> SessionFile.open(file)).getMessage()
                .startsWith(file + ": setup.layer.eps"));
    }

    private static Session eventfulSmall() {
        Preset p = PresetLibrary.find("noisy-small-batches");
        Session s = new Session(p.layer(), p.batches(), Momentum.of(0.5));
        s.step();
        s.configure(s.config().withEps(1e-3));
        s.step();
        s.resetRunningStats();
        s.step();
        return s;
    }

    static byte[] bytes(Session s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SessionFile.write(new SessionFile.Saved(s.state(), SessionView.DEFAULT), out);
        return out.toByteArray();
    }

    static String settingsOf(byte[] file) throws IOException {
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(file))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals(SessionFile.SETTINGS)) {
                    return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no settings");
    }

    static byte[] historyOf(byte[] file) throws IOException {
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(file))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals(SessionFile.HISTORY)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError("no history");
    }

    static byte[] replaceSettings(byte[] file, java.util.function.UnaryOperator<String> edit) throws IOException {
        String settings = settingsOf(file);
        String edited = edit.apply(settings);
        assertFalse(edited.equals(settings), "the edit changed nothing");
        return zip(edited, historyOf(file));
    }

    static byte[] zip(String settings, byte[] history) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(SessionFile.SETTINGS));
            zip.write(settings.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(SessionFile.HISTORY));
            zip.write(history);
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
