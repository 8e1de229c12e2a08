package example.faultline.redis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The plugin's own code depends on the plugin API only: the harness is a test dependency, for the chaos test, and
 * never something the plugin jar needs at run time (the harness that loads it may be another version).
 */
class PluginLayeringTest {

    private final JavaClasses plugin = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("example.faultline");

    @Test
    void the_plugin_outside_its_tests_uses_no_harness_class() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.faultline.harness..")
                .because("a plugin depends on faultline-api; the harness is only its tests' dependency")
                .check(plugin);
    }
}
