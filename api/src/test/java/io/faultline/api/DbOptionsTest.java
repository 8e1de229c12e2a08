package io.faultline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DbOptionsTest {

    @Test
    void a_key_the_db_does_not_take_is_refused_naming_the_db_and_what_it_takes() {
        assertThatThrownBy(() -> DbOptions.of("etcd", Map.of("shards", "2"), "reads"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the db etcd has no setting 'shards' (it takes: reads)");
        assertThatThrownBy(() -> DbOptions.of("kv", Map.of("x", "1")))
                .hasMessage("the db kv has no setting 'x' (it takes none)");
    }

    @Test
    void a_value_outside_the_choices_is_refused_listing_them_and_a_missing_one_takes_the_default() {
        DbOptions settings = DbOptions.of("pg", Map.of("isolation", "snapshot"), "isolation", "replicas");

        assertThatThrownBy(() -> settings.choice("isolation", "serializable", "serializable", "read-committed", "none"))
                .hasMessage("--db-opt isolation is serializable, read-committed or none, not 'snapshot'");
        assertThat(settings.flag("replicas", false)).isFalse();
        assertThat(DbOptions.of("pg", Map.of("replicas", "true"), "replicas").flag("replicas", false))
                .isTrue();
        assertThatThrownBy(() -> DbOptions.of("pg", Map.of("replicas", "yes"), "replicas")
                        .flag("replicas", false))
                .hasMessage("--db-opt replicas is true or false, not 'yes'");
    }

    @Test
    void bugs_are_refused_for_a_db_without_any_saying_what_it_has_instead() {
        assertThatThrownBy(() -> DbOptions.refuseBugs("etcd", List.of("stale"), "see --db-opt reads"))
                .hasMessage("the db etcd has no --bug switches (stale cannot apply); see --db-opt reads");
        DbOptions.refuseBugs("etcd", List.of(), "");
    }
}
