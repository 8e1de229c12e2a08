package io.faultline.checkers;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The checkers are pure: they judge histories and know nothing of containers, networks or the other modules. */
class LayeringTest {

    private final JavaClasses checkers = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.faultline.checkers");

    @Test
    void checkers_depend_on_no_other_faultline_module() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.faultline.harness..",
                        "io.faultline.workloads..",
                        "io.faultline.nemeses..",
                        "io.faultline.reports..",
                        "io.faultline.sut..")
                .check(checkers);
    }

    @Test
    void checkers_use_no_docker_testcontainers_or_network_classes() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.testcontainers..",
                        "com.github.dockerjava..",
                        "eu.rekawek.toxiproxy..",
                        "java.net.http..",
                        "javax.net..",
                        "com.sun.net.httpserver..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.net.Socket")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.net.ServerSocket")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.net.HttpURLConnection")
                .orShould()
                .dependOnClassesThat()
                .haveNameMatching("java\\.nio\\.channels\\..*Socket.*")
                .check(checkers);
    }
}
