package org.normscope.preset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.normscope.preset.PresetJsonTest.BASE;
import static org.normscope.preset.PresetJsonTest.with;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.engine.Momentum;

/** The user's own presets in a folder: saving, listing, importing, and refusing bad files as the built-ins are. */
class UserPresetsTest {

    @TempDir
    Path tmp;

    private Path folder() {
        return tmp.resolve("data").resolve("presets");
    }

    private static Preset named(String name) throws Exception {
        return PresetJson.parse(with("/name", "\"" + name + "\""));
    }

    private static List<String> filesIn(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    // ---------------------------------------------------------------- saving and listing

    @Test
    void aSavedPresetIsListedAndReadsBackEqual() throws Exception {
        UserPresets user = new UserPresets(folder());
        Preset drifting = PresetLibrary.find("drifting");
        Preset mine = new Preset("My drifting lesson", "momentum 0.1 against None", drifting.layer(),
                drifting.batches(), false, Momentum.CUMULATIVE, "我的漂移课", "中文说明");

        UserPresets.Entry saved = user.save(mine);

        assertThat(saved.file()).isEqualTo(folder().resolve("my-drifting-lesson.json"));
        assertThat(Files.readString(saved.file(), StandardCharsets.UTF_8)).isEqualTo(PresetJson.toJson(mine));
        UserPresets.Listing listing = user.list();
        assertThat(listing.problems()).isEmpty();
        assertThat(listing.presets()).containsExactly(mine);
        assertThat(listing.entries().get(0).file()).isEqualTo(saved.file());
        assertThat(UserPresets.read(saved.file())).isEqualTo(mine);
        assertThat(filesIn(folder())).containsExactly("my-drifting-lesson.json"); // no temporary file left
    }

    @Test
    void listingAFolderThatIsNotThereIsEmptyAndCreatesNothing() {
        UserPresets user = new UserPresets(folder());
        assertThat(user.list().entries()).isEmpty();
        assertThat(user.list().problems()).isEmpty();
        assertThat(folder()).doesNotExist();
        assertThat(folder().getParent()).doesNotExist();
    }

    @Test
    void thePresetsAreListedByFileName() throws Exception {
        UserPresets user = new UserPresets(folder());
        user.save(named("Zeta"));
        user.save(named("alpha"));
        user.save(named("Middle one"));
        assertThat(user.list().presets()).extracting(Preset::name).containsExactly("alpha", "Middle one", "Zeta");
    }

    @Test
    void fileNamesAreMadeFromTheNameAndNeverTakeAnExistingFile() throws Exception {
        assertThat(UserPresets.baseName("My Lesson: eps = 0!")).isEqualTo("my-lesson-eps-0");
        assertThat(UserPresets.baseName("  Drifting: m=0.1 ")).isEqualTo("drifting-m-0-1");
        assertThat(UserPresets.baseName("批归一化")).isEqualTo("preset");
        assertThat(UserPresets.baseName("BN 批归一化 2d")).isEqualTo("bn-2d");
        assertThat(UserPresets.baseName("CON")).isEqualTo("con-preset");
        assertThat(UserPresets.baseName("x".repeat(200))).hasSize(UserPresets.MAX_BASE_LENGTH);
        assertThat(UserPresets.baseName("a" + " b".repeat(40))).doesNotEndWith("-").hasSizeLessThanOrEqualTo(60);

        UserPresets user = new UserPresets(folder());
        assertThat(user.save(named("My lesson: eps = 0")).file().getFileName()).hasToString("my-lesson-eps-0.json");
        assertThat(user.save(named("My lesson eps 0")).file().getFileName()).hasToString("my-lesson-eps-0-2.json");
        assertThat(user.save(named("my lesson (eps 0)")).file().getFileName()).hasToString("my-lesson-eps-0-3.json");
        Files.writeString(folder().resolve("Preset.JSON"), "not a preset");
        assertThat(user.save(named("批归一化")).file().getFileName()).hasToString("preset-2.json");
        assertThat(user.list().presets()).extracting(Preset::name).containsExactlyInAnyOrder("My lesson: eps = 0",
                "My lesson eps 0", "my lesson (eps 0)", "批归一化");
    }

    @Test
    void aNameAnotherPresetHasIsRefusedAndNothingIsWritten() throws Exception {
        UserPresets user = new UserPresets(folder());
        assertThatThrownBy(() -> user.save(named("noisy SMALL batches")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name: \"noisy SMALL batches\" is already the name of a built-in preset; give this one "
                        + "another name");
        assertThatThrownBy(() -> user.save(named("notebook"))) // a built-in's id
                .hasMessageStartingWith("name: \"notebook\" is already the name of a built-in preset");
        assertThat(folder()).doesNotExist();

        user.save(named("Mine"));
        assertThatThrownBy(() -> user.save(named(" MINE ")))
                .hasMessage("name: \"MINE\" is already the name of one of your presets (mine.json); give this one "
                        + "another name");
        assertThat(filesIn(folder())).containsExactly("mine.json");
        assertThat(user.isBuiltInName(" Notebook ")).isTrue();
        assertThat(user.isBuiltInName("Mine")).isFalse();
    }

    @Test
    void aFolderThatIsAFileIsReportedAndCannotBeSavedInto() throws Exception {
        Files.createDirectories(folder().getParent());
        Files.writeString(folder(), "a file where the folder should be");
        UserPresets user = new UserPresets(folder());
        assertThat(user.list().entries()).isEmpty();
        assertThat(user.list().problems()).singleElement().asString()
                .isEqualTo(folder() + ": is not a folder; the user presets are kept in a folder of this name");
        assertThatThrownBy(() -> user.save(named("Mine"))).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot create the folder " + folder());
        assertThat(Files.readString(folder())).isEqualTo("a file where the folder should be");
    }

    // ---------------------------------------------------------------- bad files in the folder

    @Test
    void aBadFileInTheFolderIsSkippedWithOneLineAndTheOthersAreListed() throws Exception {
        UserPresets user = new UserPresets(folder());
        user.save(named("Good one"));
        user.save(named("Zulu"));
        Files.writeString(folder().resolve("broken.json"), with("/layer/momentum", "1.5"));
        Files.writeString(folder().resolve("copy.json"), with("/name", "\"Good one\""));   // listed before good-one.json
        Files.writeString(folder().resolve("noisy.json"), with("/name", "\"Noisy small batches\""));
        Files.writeString(folder().resolve("notes.txt"), "not a preset, not looked at");
        Files.writeString(folder().resolve(".hidden.json"), "{"); // hidden (a write in progress): ignored
        Files.createDirectories(folder().resolve("old.json"));

        UserPresets.Listing listing = user.list();

        assertThat(listing.presets()).extracting(Preset::name).containsExactly("Good one", "Zulu");
        assertThat(listing.entries()).extracting(e -> e.file().getFileName().toString())
                .containsExactly("copy.json", "zulu.json");
        assertThat(listing.problems()).containsExactly(
                "broken.json: layer.momentum: momentum must be a number in [0, 1] or None, got 1.5",
                "good-one.json: name: \"Good one\" is already the name of one of your presets (copy.json); give this "
                        + "one another name",
                "noisy.json: name: \"Noisy small batches\" is already the name of a built-in preset; give this one "
                        + "another name",
                "old.json: is a folder, not a preset file");
        assertThat(listing.problems()).allSatisfy(line -> assertThat(line).doesNotContain("\n"));
    }

    // ---------------------------------------------------------------- importing

    @Test
    void aGoodFileIsImportedCanonicallyAndTheOriginalIsLeftAsItWas() throws Exception {
        Path source = tmp.resolve("from a colleague.json");
        String text = "\uFEFF" + with("/name", "\"Colleague: noisy batches\"").replace(",", ",\n  ");
        Files.writeString(source, text, StandardCharsets.UTF_8);
        UserPresets user = new UserPresets(folder());

        UserPresets.Entry imported = user.importFile(source);

        Preset expected = PresetJson.parse(text.substring(1));
        assertThat(imported.preset()).isEqualTo(expected);
        assertThat(imported.file()).isEqualTo(folder().resolve("colleague-noisy-batches.json"));
        assertThat(Files.readString(imported.file())).isEqualTo(PresetJson.toJson(expected));
        assertThat(Files.readString(source, StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(user.list().presets()).containsExactly(expected);

        PresetFileException again = catchThrowableOfType(PresetFileException.class, () -> user.importFile(source));
        assertThat(again).hasMessage("from a colleague.json: name: \"Colleague: noisy batches\" is already the name "
                + "of one of your presets (colleague-noisy-batches.json); give this one another name");
        assertThat(filesIn(folder())).containsExactly("colleague-noisy-batches.json");
    }

    static Stream<Arguments> badFiles() throws Exception {
        String notUtf8 = "latin-1 \u00e9";
        return Stream.of(
                Arguments.of("unknown-field.json", with("/input/drift", "0.1"), "input.drift",
                        "unknown-field.json: input.drift: unknown field; expected one of batch_size, spatial, channels, "
                                + "drift_per_step, seed, fresh_each_step"),
                Arguments.of("bad-momentum.json", with("/layer/momentum", "1.5"), "layer.momentum",
                        "bad-momentum.json: layer.momentum: momentum must be a number in [0, 1] or None, got 1.5"),
                Arguments.of("wrong-channels.json", with("/input/channels", "[{\"source\": \"constant\", \"value\": 1},"
                                + "{\"source\": \"constant\", \"value\": 2}]"), "input.channels",
                        "wrong-channels.json: input.channels: 2 entries, expected 1 entry (used for every channel) "
                                + "or 4 (one per channel: num_features is 4)"),
                Arguments.of("duplicate-key.json", BASE.replace("\"eps\": 0,", "\"eps\": 0, \"eps\": 1,"), "layer.eps",
                        "duplicate-key.json: layer.eps: a field given twice (the second at line 4, column "),
                Arguments.of("not-json.json", "{\"name\": \"half", "",
                        "not-json.json: not JSON at line 1, column "),
                Arguments.of("empty.json", "", "", "empty.json: not JSON: the text is empty"),
                Arguments.of("a-list.json", "[" + BASE + "]", "", "a-list.json: expected an object, got ["),
                Arguments.of("missing-name.json", with("/name", null), "name",
                        "missing-name.json: name: missing, expected a non-empty string"),
                Arguments.of("negative-std.json", with("/input/channels", "[{\"source\": \"normal\", \"std\": -0.5}]"),
                        "input.channels[0].std", "negative-std.json: input.channels[0].std: std must be at least 0, "
                                + "got -0.5"),
                Arguments.of("built-in-name.json", with("/name", "\"Drifting data: momentum 0.1 vs None\""), "name",
                        "built-in-name.json: name: \"Drifting data: momentum 0.1 vs None\" is already the name of a "
                                + "built-in preset; give this one another name"),
                Arguments.of("latin-1.json", notUtf8, "", "latin-1.json: not UTF-8 text"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadFileIsRefusedWithItsFieldAndNothingIsCopied(String name, String text, String path, String line)
            throws Exception {
        Path source = tmp.resolve(name);
        Files.write(source, name.startsWith("latin-1") ? text.getBytes(StandardCharsets.ISO_8859_1)
                : text.getBytes(StandardCharsets.UTF_8));
        UserPresets user = new UserPresets(folder());

        PresetFileException e = catchThrowableOfType(PresetFileException.class, () -> user.importFile(source));

        assertThat(e).as(name).isNotNull();
        assertThat(e.getMessage()).startsWith(line).doesNotContain("\n");
        assertThat(e.file()).isEqualTo(name);
        assertThat(e.path()).isEqualTo(path);
        assertThat(folder()).doesNotExist(); // not even the folder is made for a refused file
        assertThat(user.list().entries()).isEmpty();
    }

    @Test
    void aFolderAMissingFileAndAnOversizedFileAreRefusedBeforeReading() throws Exception {
        UserPresets user = new UserPresets(folder());
        Path dir = Files.createDirectories(tmp.resolve("presets.json"));
        assertThat(catchThrowableOfType(PresetFileException.class, () -> user.importFile(dir)))
                .hasMessage("presets.json: is a folder, not a preset file");
        assertThat(catchThrowableOfType(PresetFileException.class, () -> user.importFile(tmp.resolve("gone.json"))))
                .hasMessage("gone.json: no such file");
        Path big = tmp.resolve("big.json");
        Files.write(big, new byte[(int) UserPresets.MAX_BYTES + 1]);
        assertThat(catchThrowableOfType(PresetFileException.class, () -> user.importFile(big)))
                .hasMessage("big.json: " + (UserPresets.MAX_BYTES + 1) + " bytes, over the 1048576 bytes (1 MB) a "
                        + "preset file may have");
        assertThat(folder()).doesNotExist();
    }
}
