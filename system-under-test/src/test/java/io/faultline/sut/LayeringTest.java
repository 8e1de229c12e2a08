package io.faultline.sut;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class LayeringTest {

    private final JavaClasses store = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.faultline.sut");

    @Test
    void the_system_under_test_uses_no_code_of_the_harness_modules() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.faultline.harness..",
                        "io.faultline.checkers..",
                        "io.faultline.workloads..",
                        "io.faultline.nemeses..",
                        "io.faultline.reports..")
                .because("the store is the thing being tested and shares no code with the harness")
                .check(store);
    }
}
