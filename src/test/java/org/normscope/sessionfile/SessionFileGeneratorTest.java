package org.normscope.sessionfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.normscope.batch.BatchSpec;
import org.normscope.batch.Generator;
import org.normscope.preset.Preset;
import org.normscope.preset.PresetLibrary;
import org.normscope.session.Session;
import org.normscope.session.SessionJournal;
import org.normscope.session.Stat;

/**
 * Session files name the generator their batches are drawn with (issue 18). The fixture
 * {@code sessions/polar-v1.normscope} was written by NormScope before issue 18
 * ({@code run --preset noisy-small-batches --steps 50 --save}); the two CSVs beside it are what
 * that NormScope's {@code run --session polar-v1.normscope --steps 20 --csv ... --rows 100000}
 * wrote for steps 51 to 70.
 */
class SessionFileGeneratorTest {

    @TempDir
    Path dir;

    static Path resource(String name) throws URISyntaxException {
        return Path.of(SessionFileGeneratorTest.class.getResource("/sessions/" + name).toURI());
    }

    static Session opened(Path file) throws SessionFileException {
        Session s = Session.notebook();
        s.restore(SessionFile.open(file).state());
        return s;
    }

    /** Steps {@code from..to} of a statistic, one row per step, as {@code run --csv} writes them. */
    static String csv(Session s, Stat stat, long from, long to) throws IOException {
        StringBuilder out = new StringBuilder();
        s.history().csvColumns(stat).write(out, from, to, 1);
        return out.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"batch_mean", "running_var"})
    void aSessionSavedBeforeIssue18OpensAndGoesOnWithTheBatchesItHad(String stat) throws Exception {
        Session s = opened(resource("polar-v1.normscope"));
        assertEquals(Generator.SPLITTABLE_POLAR_1, s.batches().generator());
        assertEquals(50, s.history().steps());
        for (int i = 0; i < 20; i++) {
            assertTrue(s.step());
        }
        String expected = Files.readString(resource("polar-v1-continued-" + stat + ".csv"), StandardCharsets.UTF_8);
        Stat chosen = stat.equals("batch_mean") ? Stat.BATCH_MEAN : Stat.RUNNING_VAR;
        String[] want = expected.strip().split("\r?\n");
        String[] got = csv(s, chosen, 51, 70).strip().split("\r?\n");
        assertEquals(String.join("\n", want), String.join("\n", got));
    }

    @Test
    void theSameSessionWithTheZigguratWouldHaveOtherValues() throws Exception {
        // the check above can fail: the new sampler draws other numbers from the same seed
        Session s = opened(resource("polar-v1.normscope"));
        s.setBatches(s.batches().withGenerator(Generator.ZIGGURAT_1));
        for (int i = 0; i < 20; i++) {
            s.step();
        }
        String polar = Files.readString(resource("polar-v1-continued-batch_mean.csv"), StandardCharsets.UTF_8);
        String[] want = polar.strip().split("\r?\n");
        String[] got = csv(s, Stat.BATCH_MEAN, 51, 70).strip().split("\r?\n");
        assertEquals(want[0], got[0]);
        for (int i = 1; i < want.length; i++) {
            assertTrue(!want[i].equals(got[i]), "row " + i);
        }
    }

    @Test
    void anOldSessionSavedAgainStillNamesThePolarGeneratorAndKeepsTheOldBinaryLayout() throws Exception {
        Session original = opened(resource("polar-v1.normscope"));
        original.step();
        original.setBatches(original.batches().withSource(1, new org.normscope.batch.ChannelSource.Normal(5, 2)));
        original.step();
        assertEquals(Generator.SPLITTABLE_POLAR_1, original.batches().generator()); // an edit keeps the generator
        byte[] file = SessionFileTest.bytes(original);
        assertTrue(SessionFileTest.settingsOf(file).contains("\"generator\" : \"splittable-polar-1\""));
        assertEquals(SessionBinary.VERSION_POLAR_ONLY, binaryVersion(file)); // a NormScope before issue 18 opens it

        Path path = dir.resolve("again.normscope");
        Files.write(path, file);
        Session copy = opened(path);
        SessionFileTest.assertSameSession(original, copy);
        for (int i = 0; i < 30; i++) {
            assertEquals(original.stepQuietly(), copy.stepQuietly());
        }
        copy.step();
        original.step();
        SessionFileTest.assertSameSession(original, copy);
    }

    @Test
    void aNewSessionNamesTheZigguratAndOpensWithIt() throws Exception {
        Preset p = PresetLibrary.find("noisy-small-batches");
        Session original = new Session(p.layer(), p.batches(), null);
        assertEquals(Generator.ZIGGURAT_1, original.batches().generator());
        for (int i = 0; i < 25; i++) {
            original.step();
        }
        byte[] file = SessionFileTest.bytes(original);
        assertTrue(SessionFileTest.settingsOf(file).contains("\"generator\" : \"ziggurat-1\""));
        assertEquals(SessionBinary.VERSION, binaryVersion(file));
        Path path = dir.resolve("new.normscope");
        Files.write(path, file);
        Session copy = opened(path);
        assertEquals(Generator.ZIGGURAT_1, copy.batches().generator());
        SessionFileTest.assertSameSession(original, copy);
        for (int i = 0; i < 10; i++) {
            assertEquals(original.step(), copy.step());
        }
        SessionFileTest.assertSameSession(original, copy);
    }

    @Test
    void anOldSessionGivenANewPresetsBatchesKeepsBothGeneratorsWhereTheyWereUsed() throws Exception {
        Session original = opened(resource("polar-v1.normscope"));
        BatchSpec polar = original.batches();
        original.step();
        original.setBatches(PresetLibrary.find("noisy-small-batches").batches()); // the same settings, drawn anew
        assertEquals(Generator.ZIGGURAT_1, original.batches().generator());
        original.step();
        original.step();

        byte[] file = SessionFileTest.bytes(original);
        assertTrue(SessionFileTest.settingsOf(file).contains("\"generator\" : \"ziggurat-1\""));
        assertEquals(SessionBinary.VERSION, binaryVersion(file));
        Path path = dir.resolve("mixed.normscope");
        Files.write(path, file);
        Session copy = opened(path);
        assertEquals(Generator.ZIGGURAT_1, copy.batches().generator());
        boolean polarKept = copy.state().journal().stream().anyMatch(e -> e instanceof SessionJournal.Built b
                && b.batches().equals(polar));
        assertTrue(polarKept, "the journal still holds the polar batch settings");
        SessionFileTest.assertSameSession(original, copy);
        for (int i = 0; i < 10; i++) {
            assertEquals(original.step(), copy.step());
        }
        SessionFileTest.assertSameSession(original, copy);
    }

    @Test
    void anUnknownGeneratorIsRefusedNamingTheOnesThisNormScopeHas() throws Exception {
        Preset p = PresetLibrary.find("notebook");
        byte[] good = SessionFileTest.bytes(new Session(p.layer(), p.batches(), null));
        Path file = dir.resolve("other.normscope");
        Files.write(file, SessionFileTest.replaceSettings(good, s -> s.replace("\"ziggurat-1\"", "\"mersenne-7\"")));
        SessionFileException e = assertThrows(SessionFileException.class, () -> SessionFile.open(file));
        assertEquals(file + ": generator: its batches were drawn with \"mersenne-7\", which this NormScope does not"
                + " have (it has \"splittable-polar-1\" and \"ziggurat-1\")", e.getMessage());
    }

    @Test
    void aGeneratorThatDisagreesWithTheHistoryIsRefusedRatherThanDrawingOtherNumbers() throws Exception {
        byte[] old = Files.readAllBytes(resource("polar-v1.normscope"));
        Path file = dir.resolve("edited.normscope");
        Files.write(file, SessionFileTest.replaceSettings(old, s -> s.replace("\"splittable-polar-1\"",
                "\"ziggurat-1\"")));
        SessionFileException e = assertThrows(SessionFileException.class, () -> SessionFile.open(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("its generator (\"ziggurat-1\") is not the one its history drew these"
                + " batches with (\"splittable-polar-1\")"), e.getMessage());

        Preset p = PresetLibrary.find("noisy-small-batches");
        Session s = new Session(p.layer(), p.batches(), null);
        s.step();
        Files.write(file, SessionFileTest.replaceSettings(SessionFileTest.bytes(s), t -> t.replace("\"ziggurat-1\"",
                "\"splittable-polar-1\"")));
        e = assertThrows(SessionFileException.class, () -> SessionFile.open(file));
        assertTrue(e.getMessage().contains("its generator (\"splittable-polar-1\") is not the one its history drew"
                + " these batches with (\"ziggurat-1\")"), e.getMessage());
    }

    private static int binaryVersion(byte[] file) throws IOException {
        return ByteBuffer.wrap(SessionFileTest.historyOf(file), 4, 4).getInt();
    }
}
