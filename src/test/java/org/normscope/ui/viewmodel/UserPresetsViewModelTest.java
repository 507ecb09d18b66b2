package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normscope.engine.Momentum;
import org.normscope.preset.Preset;
import org.normscope.preset.PresetJson;
import org.normscope.preset.PresetLibrary;
import org.normscope.preset.UserPresets;
import org.normscope.session.SessionSnapshot;

/** Save setup as preset… and Import preset… with no screen: names, files, the lists the menu and chooser show, the banner. */
class UserPresetsViewModelTest {

    @TempDir
    Path tmp;

    private final List<Vm> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(Vm::close);
    }

    private Path folder() {
        return tmp.resolve("presets");
    }

    private Vm open() {
        Vm m = new Vm(new UserPresets(folder()));
        opened.add(m);
        return m.settle();
    }

    private static Preset mine(String name) {
        Preset noisy = PresetLibrary.find("noisy-small-batches");
        return new Preset(name, "", noisy.layer(), noisy.batches(), false, null);
    }

    /** {@code p}'s file with one field of the layer set to {@code value}. */
    private static String withLayer(Preset p, String field, double value) {
        com.fasterxml.jackson.databind.node.ObjectNode json = PresetJson.write(p);
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("layer")).put(field, value);
        return json.toPrettyString();
    }

    private List<String> files() throws Exception {
        if (!Files.exists(folder())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theUsersPresetsFollowTheBuiltInOnes() throws Exception {
        UserPresets store = new UserPresets(folder());
        store.save(mine("Zeta"));
        store.save(mine("alpha"));

        MainViewModel vm = open().vm;

        List<Preset> builtIn = PresetLibrary.builtIn();
        assertThat(vm.presets()).hasSize(builtIn.size() + 2).startsWith(builtIn.toArray(Preset[]::new));
        assertThat(vm.userPresets().presets()).extracting(Preset::name).containsExactly("alpha", "Zeta");
        assertThat(vm.presets().subList(builtIn.size(), builtIn.size() + 2))
                .containsExactlyElementsOf(vm.userPresets().presets());
        assertThat(vm.userPresets().problems()).isEmpty();
        assertThat(vm.presetProperty().get()).isSameAs(builtIn.get(0)); // still opens on the notebook
    }

    @Test
    void saveKeepsTheNewestSetupAndChoosingItLoadsIt() throws Exception {
        Vm m = open();
        MainViewModel vm = m.vm;
        vm.layer().eval();
        vm.layer().momentumNoneProperty().set(true);
        assertThat(Vm.type(vm.layer().compare(), "0.5")).isTrue();
        m.settle();
        SessionSnapshot s = m.snap();
        assertThat(s.training()).isFalse();

        vm.userPresets().askName();
        assertThat(Vm.type(vm.userPresets().name(), "  My eval setup ")).isTrue();
        assertThat(vm.userPresets().commitSave()).isTrue();

        Preset saved = vm.userPresets().presets().get(0);
        assertThat(saved.name()).isEqualTo("My eval setup");
        assertThat(saved.layer()).isEqualTo(s.layer());
        assertThat(saved.layer().momentum()).isEqualTo(Momentum.CUMULATIVE);
        assertThat(saved.batches()).isEqualTo(s.batches());
        assertThat(saved.training()).isFalse();
        assertThat(saved.compareMomentum()).isEqualTo(Momentum.of(0.5));
        assertThat(vm.presets()).endsWith(saved);
        assertThat(files()).containsExactly("my-eval-setup.json");
        assertThat(PresetJson.parse(Files.readString(folder().resolve("my-eval-setup.json")))).isEqualTo(saved);
        assertThat(vm.bannerProperty().get()).isEqualTo("Saved the preset \u201cMy eval setup\u201d in "
                + folder().resolve("my-eval-setup.json") + ": it is in the Presets menu and the preset chooser.");
        assertThat(vm.bannerIsErrorProperty().get()).isFalse();

        // back to the notebook, then the saved preset from the chooser
        vm.load(PresetLibrary.first()); // the chooser shows it still: Start again
        m.settle();
        assertThat(m.snap().training()).isTrue();
        vm.presetProperty().set(saved);
        m.settle();
        assertThat(m.snap().layer()).isEqualTo(saved.layer());
        assertThat(m.snap().batches()).isEqualTo(saved.batches());
        assertThat(m.snap().training()).isFalse();
        assertThat(m.snap().compareMomentum()).isEqualTo(Momentum.of(0.5));
        assertThat(m.snap().step()).isZero();
    }

    @Test
    void anEmptyALongOrATakenNameIsRefusedUnderTheFieldAndNothingIsSaved() throws Exception {
        MainViewModel vm = open().vm;
        UserPresetsViewModel user = vm.userPresets();
        user.askName();
        assertThat(user.name().getError()).isEmpty(); // not before anything is typed

        assertThat(user.commitSave()).isFalse();
        assertThat(user.name().getError()).isEqualTo("The name is empty: type a name for the preset");
        assertThat(Vm.type(user.name(), "   ")).isFalse();
        assertThat(user.name().getError()).isEqualTo("The name is empty: type a name for the preset");
        assertThat(user.commitSave()).isFalse();

        assertThat(Vm.type(user.name(), "x".repeat(81))).isFalse();
        assertThat(user.name().getError()).isEqualTo("A name of at most 80 characters, please (this one has 81)");

        assertThat(Vm.type(user.name(), "DRIFTING DATA: momentum 0.1 vs none")).isFalse();
        assertThat(user.name().getError())
                .isEqualTo("\u201cDRIFTING DATA: momentum 0.1 vs none\u201d is already the name of a preset: choose "
                        + "another name");
        user.name().textProperty().set("notebook"); // a built-in's id
        assertThat(user.name().getError()).contains("is already the name of a preset");
        assertThat(user.commitSave()).isFalse();
        assertThat(files()).isEmpty();
        assertThat(folder()).doesNotExist();

        user.name().textProperty().set("Mine");
        assertThat(user.name().getError()).isEmpty();
        assertThat(user.commitSave()).isTrue();
        user.askName();
        user.name().textProperty().set("mine");
        assertThat(user.name().getError()).isEqualTo("\u201cmine\u201d is already the name of a preset: choose "
                + "another name");
        assertThat(user.commitSave()).isFalse();
        assertThat(files()).containsExactly("mine.json");
        assertThat(user.presets()).hasSize(1);
    }

    @Test
    void theNameIsRefusedInTheWindowsLanguage() {
        MainViewModel vm = open().vm;
        try {
            UiLocale.set(UiLocale.CHINESE);
            vm.userPresets().askName();
            assertThat(vm.userPresets().commitSave()).isFalse();
            assertThat(vm.userPresets().name().getError()).isEqualTo("名称为空：请为预设输入一个名称");
        } finally {
            UiLocale.set(UiLocale.ENGLISH);
        }
    }

    @Test
    void aGoodFileIsImportedAndListedABadOneIsRefusedInTheBannerAndNothingIsCopied() throws Exception {
        Vm m = open();
        MainViewModel vm = m.vm;
        Path bad = tmp.resolve("bad momentum.json");
        Files.writeString(bad, withLayer(mine("Bad one"), "momentum", 1.5));

        assertThat(vm.userPresets().importFile(bad)).isFalse();

        assertThat(vm.bannerProperty().get()).isEqualTo("Preset not imported. bad momentum.json: layer.momentum: "
                + "momentum must be a number in [0, 1] or None, got 1.5");
        assertThat(vm.bannerIsErrorProperty().get()).isTrue();
        assertThat(folder()).doesNotExist();
        assertThat(vm.userPresets().presets()).isEmpty();
        assertThat(vm.presets()).hasSameSizeAs(PresetLibrary.builtIn());

        Path good = tmp.resolve("from a colleague.json");
        Files.writeString(good, PresetJson.toJson(mine("Colleague's noisy eval")));
        assertThat(vm.userPresets().importFile(good)).isTrue();

        assertThat(vm.userPresets().presets()).containsExactly(mine("Colleague's noisy eval"));
        assertThat(vm.presets()).endsWith(mine("Colleague's noisy eval"));
        assertThat(files()).containsExactly("colleague-s-noisy-eval.json");
        assertThat(vm.bannerIsErrorProperty().get()).isFalse();
        assertThat(vm.bannerProperty().get()).startsWith("Imported the preset \u201cColleague's noisy eval\u201d as ");
    }

    @Test
    void theChosenUserPresetStaysChosenWhenTheListChanges() throws Exception {
        new UserPresets(folder()).save(mine("Middle"));
        Vm m = open();
        MainViewModel vm = m.vm;
        Preset middle = vm.userPresets().presets().get(0);
        vm.presetProperty().set(middle);
        m.settle();

        Path a = tmp.resolve("a.json");
        Files.writeString(a, PresetJson.toJson(mine("Aardvark")));
        Path z = tmp.resolve("z.json");
        Files.writeString(z, PresetJson.toJson(mine("Zebra")));
        assertThat(vm.userPresets().importFile(a)).isTrue();
        assertThat(vm.userPresets().importFile(z)).isTrue();

        assertThat(vm.userPresets().presets()).extracting(Preset::name).containsExactly("Aardvark", "Middle", "Zebra");
        assertThat(vm.userPresets().presets().get(1)).isSameAs(middle);
        assertThat(vm.presets().get(PresetLibrary.builtIn().size() + 1)).isSameAs(middle);
        assertThat(vm.presetProperty().get()).isSameAs(middle);

        Files.delete(folder().resolve("aardvark.json")); // removed by hand: gone at the next listing
        vm.userPresets().refresh();
        assertThat(vm.userPresets().presets()).extracting(Preset::name).containsExactly("Middle", "Zebra");
        assertThat(vm.presets()).hasSize(PresetLibrary.builtIn().size() + 2).contains(middle);
    }

    @Test
    void badFilesInTheFolderAreReportedInTheBannerUntilTheNextStep() throws Exception {
        Files.createDirectories(folder());
        Files.writeString(folder().resolve("broken.json"), "{\"name\": ");
        Files.writeString(folder().resolve("eps.json"), withLayer(mine("Eps"), "eps", -1));
        new UserPresets(folder()).save(mine("Good"));
        Vm m = open();
        MainViewModel vm = m.vm;

        assertThat(vm.userPresets().presets()).extracting(Preset::name).containsExactly("Good");
        assertThat(vm.userPresets().problems()).hasSize(2);
        assertThat(vm.userPresets().problems().get(0)).startsWith("broken.json: not JSON at line 1");
        assertThat(vm.userPresets().problems().get(1)).startsWith("eps.json: layer.eps: ");
        assertThat(vm.bannerProperty().get()).isEmpty(); // reported when the window asks

        vm.userPresets().reportProblems();
        assertThat(vm.bannerProperty().get().lines()).hasSize(3)
                .first().isEqualTo("Some of your presets in " + folder() + " could not be read and are left out:");
        assertThat(vm.bannerProperty().get()).contains(vm.userPresets().problems().get(0));
        assertThat(vm.bannerIsErrorProperty().get()).isTrue();

        SessionSnapshot before = m.snap();
        vm.charts().histogramChannelProperty().set(2); // a new snapshot, not a step: the report stays
        m.settle();
        assertThat(m.snap()).isNotSameAs(before);
        assertThat(m.snap().step()).isEqualTo(before.step());
        assertThat(vm.bannerProperty().get()).startsWith("Some of your presets");
        vm.step();
        m.settle();
        assertThat(vm.bannerProperty().get()).doesNotStartWith("Some of your presets");
        assertThat(vm.bannerIsErrorProperty().get()).isFalse();
    }
}
