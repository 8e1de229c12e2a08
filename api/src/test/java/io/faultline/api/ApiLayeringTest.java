package io.faultline.api;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The plugin API is small and standalone: a plugin that depends on it needs no Docker, no harness, no CLI. */
class ApiLayeringTest {

    private final JavaClasses api = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.faultline.api");

    @Test
    void the_api_depends_on_no_harness_docker_testcontainers_or_command_line_code() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.faultline.harness..",
                        "io.faultline.reports..",
                        "io.faultline.proxy..",
                        "io.faultline.sut..",
                        "org.testcontainers..",
                        "com.github.dockerjava..",
                        "picocli..")
                .check(api);
    }

    @Test
    void the_api_uses_only_the_history_workload_and_nemesis_types_of_the_other_modules() {
        noClasses()
                .should()
                .dependOnClassesThat(resideInAPackage("io.faultline.checkers..")
                        .and(not(resideInAPackage("io.faultline.checkers.history.."))))
                .because("a plugin's ops and completions are history types; checkers are the harness's to choose")
                .check(api);
    }
}
