package org.normscope.ui.chart;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The chart package stands alone: the JDK and JavaFX, nothing else of NormScope or any other library. */
class ChartPackageArchitectureTest {

    @Test
    void chartsDependOnlyOnTheJdkAndJavaFx() {
        JavaClasses charts = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.normscope.ui.chart");
        classes().that().resideInAPackage("org.normscope.ui.chart..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javafx..", "org.normscope.ui.chart..")
                .check(charts);
    }
}
