package org.normscope.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layers of NormScope, kept by rules rather than by review: the engine is plain
 * computation (no UI, JSON, I/O, network or command line, and nothing else of NormScope),
 * the printer formats without reading or writing, and only the command line knows the
 * command line. Checked on the compiled main classes (ArchUnit) and, for the engine, on the
 * source text too, since an unused import leaves no trace in the bytecode.
 */
class ArchitectureTest {

    static final String[] NOT_IN_THE_ENGINE = {"javafx..", "com.fasterxml..", "java.io..", "java.nio..", "java.net..",
        "picocli.."};

    static final Path ENGINE_SOURCES = Paths.get("src/main/java/org/normscope/engine");

    /** An import of a package the engine must not use, or of any NormScope package but the engine. */
    static final Pattern FORBIDDEN_ENGINE_IMPORT = Pattern.compile(
            "^\\s*import\\s+(static\\s+)?(javafx|com\\.fasterxml|java\\.io|java\\.nio|java\\.net|picocli"
                    + "|org\\.normscope\\.(?!engine[.;]))[\\w.]*.*$");

    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses() {
        mainClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.normscope");
    }

    @Test
    void engineDependsOnNoUiJsonIoNetworkOrCommandLineLibrary() {
        noClasses().that().resideInAPackage("org.normscope.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(NOT_IN_THE_ENGINE)
                .check(mainClasses);
    }

    @Test
    void engineDependsOnNoOtherNormScopePackage() {
        noClasses().that().resideInAPackage("org.normscope.engine..")
                .should().dependOnClassesThat(resideInAPackage("org.normscope..")
                        .and(not(resideInAPackage("org.normscope.engine.."))))
                .check(mainClasses);
    }

    @Test
    void printerDependsOnNoJsonIoOrUi() {
        noClasses().that().resideInAPackage("org.normscope.print..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..", "java.io..", "java.nio..",
                        "javafx..")
                .check(mainClasses);
    }

    /** The explanations are plain computation on the engine's numbers, formatted by the printer's number text. */
    @Test
    void explanationsDependOnlyOnTheEngineAndThePrinter() {
        noClasses().that().resideInAPackage("org.normscope.explain..")
                .should().dependOnClassesThat(resideInAPackage("org.normscope..")
                        .and(not(resideInAnyPackage("org.normscope.explain..", "org.normscope.engine..",
                                "org.normscope.print.."))))
                .check(mainClasses);
        noClasses().that().resideInAPackage("org.normscope.explain..")
                .should().dependOnClassesThat().resideInAnyPackage(NOT_IN_THE_ENGINE)
                .check(mainClasses);
    }

    @Test
    void onlyTheCommandLineDependsOnTheCommandLinePackage() {
        noClasses().that().resideOutsideOfPackage("org.normscope.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.normscope.cli..")
                .check(mainClasses);
    }

    @Test
    void theModelBehindTheWindowKnowsNoUiAndNoFiles() {
        noClasses().that().resideInAnyPackage("org.normscope.batch..", "org.normscope.session..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.normscope.ui..",
                        "org.normscope.preset..", "com.fasterxml..", "java.io..", "java.nio..")
                .check(mainClasses);
    }

    @Test
    void presetsAreAFormatWithNoUi() {
        noClasses().that().resideInAPackage("org.normscope.preset..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.normscope.ui..")
                .check(mainClasses);
    }

    /** Lessons are a file format, like presets: no JavaFX, no UI (the window reads them, not the other way). */
    @Test
    void lessonsAreAFormatWithNoUi() {
        noClasses().that().resideInAPackage("org.normscope.lesson..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.normscope.ui..")
                .check(mainClasses);
    }

    @Test
    void viewModelsNeverKnowTheirViews() {
        noClasses().that().resideInAPackage("org.normscope.ui.viewmodel..")
                .should().dependOnClassesThat().resideInAnyPackage("org.normscope.ui.view..", "org.normscope.ui.app..",
                        "org.normscope.ui.chart..", "javafx.scene..", "javafx.stage..", "org.controlsfx..")
                .check(mainClasses);
    }

    /**
     * Views reach the session, its files and its history only through view models: what to show is
     * decided where it is tested without a screen, and a change inside the session stops at them.
     */
    @Test
    void viewsReachTheSessionOnlyThroughViewModels() {
        noClasses().that().resideInAnyPackage("org.normscope.ui.view..", "org.normscope.ui.chart..")
                .should().dependOnClassesThat().resideInAnyPackage("org.normscope.session..",
                        "org.normscope.sessionfile..", "org.normscope.history..", "org.normscope.engine..")
                .check(mainClasses);
    }

    @Test
    void onlyTheUiAndTheCommandLineUseTheUi() {
        noClasses().that().resideOutsideOfPackages("org.normscope.ui..", "org.normscope.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("org.normscope.ui..", "javafx..")
                .check(mainClasses);
    }

    /** The history is storage and arithmetic: no UI, no JavaFX, and nothing of the session that fills it. */
    @Test
    void theHistoryKnowsNoUiAndNoSession() {
        noClasses().that().resideInAPackage("org.normscope.history..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.normscope.ui..",
                        "org.normscope.session..", "org.normscope.cli..")
                .check(mainClasses);
    }

    /** No two packages depend on each other, directly or round about: each can be read and tested from the bottom up. */
    @Test
    void packagesHaveNoCycles() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .matching("org.normscope.(*)..").should().beFreeOfCycles()
                .check(mainClasses);
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .matching("org.normscope.ui.(*)..").should().beFreeOfCycles()
                .check(mainClasses);
    }

    @Test
    void theRulesSeeTheMainClassesAndNoTests() {
        assertThat(mainClasses.containPackage("org.normscope.engine")).isTrue();
        assertThat(mainClasses.contain("org.normscope.engine.BatchNorm")).isTrue();
        assertThat(mainClasses.contain("org.normscope.cli.Main")).isTrue();
        assertThat(mainClasses.contain(ArchitectureTest.class.getName())).isFalse();
    }

    // ---- the engine's source text ---------------------------------------------------------------

    static Stream<Path> engineSources() throws IOException {
        try (Stream<Path> files = Files.walk(ENGINE_SOURCES)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            assertThat(list).as("engine sources").isNotEmpty();
            return list.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engineSources")
    void engineSourceImportsNothingItMayNotUse(Path source) throws IOException {
        List<String> forbidden = Files.readAllLines(source, StandardCharsets.UTF_8).stream()
                .filter(line -> FORBIDDEN_ENGINE_IMPORT.matcher(line).matches())
                .toList();
        assertThat(forbidden).as(source + " imports").isEmpty();
    }

    @Test
    void theImportScanCatchesWhatItShould() {
        assertThat(List.of("import java.io.PrintStream;", "import java.io.*;", "import static java.nio.file.Files.lines;",
                "  import java.net.URI;", "import javafx.scene.Node;", "import com.fasterxml.jackson.databind.JsonNode;",
                "import picocli.CommandLine;", "import org.normscope.scenario.Result;", "import org.normscope.print.*;",
                "import org.normscope.engineering.Thing;"))
                .allMatch(line -> FORBIDDEN_ENGINE_IMPORT.matcher(line).matches());
        assertThat(List.of("import java.util.Arrays;", "import java.util.concurrent.RecursiveAction;",
                "import java.math.BigDecimal;", "import org.normscope.engine.Tensor;",
                "import static org.normscope.engine.BatchNorm.DEFAULT_EPS;", "// import java.io.File;",
                " * import java.io in a comment"))
                .noneMatch(line -> FORBIDDEN_ENGINE_IMPORT.matcher(line).matches());
    }
}
