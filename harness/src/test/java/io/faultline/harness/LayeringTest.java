package io.faultline.harness;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Dependencies flow one way, and the store under test is never linked into the harness. */
class LayeringTest {

    private final JavaClasses faultline = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.faultline");

    @Test
    void no_harness_module_uses_the_code_of_the_system_under_test() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.faultline.sut..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.faultline.sut..")
                .because("the store is only ever run, as a jar in a process or a container")
                .check(faultline);
    }

    @Test
    void checkers_workloads_nemeses_and_reports_do_not_reach_up_into_the_harness() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.faultline.checkers..",
                        "io.faultline.workloads..",
                        "io.faultline.nemeses..",
                        "io.faultline.reports..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.faultline.harness..")
                .check(faultline);
    }

    @Test
    void workloads_know_nothing_of_nemeses_or_reports_and_nemeses_nothing_of_reports() {
        noClasses()
                .that()
                .resideInAPackage("io.faultline.workloads..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.faultline.nemeses..", "io.faultline.reports..")
                .allowEmptyShould(true)
                .check(faultline);
        noClasses()
                .that()
                .resideInAPackage("io.faultline.nemeses..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.faultline.reports..")
                .allowEmptyShould(true)
                .check(faultline);
    }
}
