package io.faultline.suites.postgres;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The PostgreSQL suite is a plugin like any user's: it needs the plugin API, never the harness's insides. */
class SuiteLayeringTest {

    @Test
    void the_postgres_plugin_depends_on_no_harness_class() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.faultline.harness..", "org.testcontainers..", "com.github.dockerjava..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.faultline.suites.postgres"));
    }
}
