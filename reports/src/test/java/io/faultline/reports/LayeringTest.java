package io.faultline.reports;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The reports read what a run left on disk: they know the checkers' history model, not the harness or Docker. */
class LayeringTest {

    private final JavaClasses reports = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.faultline.reports");

    @Test
    void reportsDependOnNoFaultlineModuleButTheCheckers() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.faultline.harness..",
                        "io.faultline.workloads..",
                        "io.faultline.nemeses..",
                        "io.faultline.proxy..",
                        "io.faultline.sut..")
                .check(reports);
    }

    @Test
    void reportsUseNoDockerOrTestcontainersClasses() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.testcontainers..", "com.github.dockerjava..", "eu.rekawek.toxiproxy..")
                .check(reports);
    }
}
