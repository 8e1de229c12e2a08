package io.faultline.checkers.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaultVocabularyTest {

    private final FaultVocabulary vocabulary =
            FaultVocabulary.with(List.of(new FaultWindowKind("disk-full", "fill-disk", "free-disk")));

    @Test
    void a_declared_family_starts_and_ends_by_its_own_functions_beside_the_built_in_ones() {
        assertThat(vocabulary.startedBy("fill-disk", null)).containsExactly("disk-full");
        assertThat(vocabulary.endedBy("free-disk")).contains("disk-full");
        assertThat(vocabulary.startedBy("start-partition", null)).containsExactly("partition");
        assertThat(vocabulary.endedBy("resume")).contains("pause");
        assertThat(vocabulary.startedBy("probe", null)).isEmpty();
        assertThat(vocabulary.labels()).startsWith("partition").endsWith("disk-full");
    }

    @Test
    void the_built_in_vocabulary_knows_no_plugin_function() {
        assertThat(FaultVocabulary.builtIn().startedBy("fill-disk", null)).isEmpty();
        assertThat(FaultVocabulary.builtIn().endedBy("free-disk")).isEmpty();
    }

    @Test
    void a_declaration_that_reuses_a_built_in_function_or_heal_is_refused_naming_it() {
        assertThatThrownBy(() -> FaultVocabulary.with(List.of(new FaultWindowKind("mine", "kill", "revive"))))
                .hasMessageContaining(
                        "fault window mine: 'kill' is a built-in nemesis function already (it starts kill)");
        assertThatThrownBy(() -> new FaultWindowKind("mine", "heal", "x")).hasMessageContaining("'heal' already ends");
        assertThatThrownBy(() -> new FaultWindowKind("mine", "x", "x")).hasMessageContaining("must differ");
    }
}
