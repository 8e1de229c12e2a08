package io.faultline.sut.quorum;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class QuorumLayeringTest {

    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.faultline.sut.quorum");

    @Test
    void the_quorum_core_uses_no_server_disk_or_raft_code() {
        noClasses()
                .that()
                .resideInAPackage("io.faultline.sut.quorum..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.faultline.sut.server..", "io.faultline.sut.disk..", "io.faultline.sut.raft..")
                .because("the core is a deterministic state machine; drivers bring the I/O")
                .check(core);
    }
}
