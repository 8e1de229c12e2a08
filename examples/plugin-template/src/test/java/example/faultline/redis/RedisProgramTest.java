package example.faultline.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.api.Db;
import io.faultline.api.HostPort;
import io.faultline.api.ImageRecipe;
import io.faultline.api.NodeContext;
import io.faultline.api.NodeProgram;
import io.faultline.api.NodeSetup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line of each node, the image, and the settings the db accepts and refuses. */
class RedisProgramTest {

    private static final Map<String, HostPort> MEMBERS = Map.of(
            "n1", new HostPort("10.0.0.1", 7000),
            "n2", new HostPort("10.0.0.2", 7000));

    private static NodeContext node(String id, String runtime) {
        return new NodeContext(id, runtime, "0.0.0.0", 6379, 7000, "/data/" + id, MEMBERS, MEMBERS);
    }

    private static NodeProgram program(Map<String, String> options) {
        return ((NodeSetup.Program) new RedisDb().create(List.of(), options).nodes()).program();
    }

    @Test
    void every_node_runs_redis_server_in_the_foreground_with_its_data_and_log_in_its_data_directory() {
        assertThat(program(Map.of()).command(node("n2", "processes")))
                .containsExactly(
                        "redis-server",
                        "--port", "6379",
                        "--bind", "0.0.0.0",
                        "--protected-mode", "no",
                        "--daemonize", "no",
                        "--dir", "/data/n2",
                        "--logfile", "redis.log",
                        "--save", "",
                        "--appendonly", "yes",
                        "--appendfsync", "always");
    }

    @Test
    void with_replicas_every_node_but_n1_replicates_n1_at_its_client_address() {
        NodeProgram replicated = program(Map.of("replicas", "true"));
        Map<String, HostPort> clients = Map.of(
                "n1", new HostPort("127.0.0.1", 41001),
                "n2", new HostPort("127.0.0.1", 41002));
        NodeContext n2 = new NodeContext("n2", "processes", "127.0.0.1", 41002, 7000, "/data/n2", MEMBERS, MEMBERS,
                clients);

        assertThat(replicated.command(node("n1", "containers"))).doesNotContain("--replicaof");
        assertThat(replicated.command(n2)).endsWith("--replicaof", "127.0.0.1", "41001");
    }

    @Test
    void the_containers_runtime_builds_the_image_from_debians_redis_server_package() {
        assertThat(program(Map.of()).image()).contains(ImageRecipe.debian("redis", List.of("redis-server")));
    }

    @Test
    void an_unknown_setting_a_bad_value_or_a_bug_is_refused_naming_it() {
        assertThatThrownBy(() -> new RedisDb().create(List.of(), Map.of("shards", "3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the db redis has no setting 'shards' (it takes: replicas)");
        assertThatThrownBy(() -> new RedisDb().create(List.of(), Map.of("replicas", "yes")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--db-opt replicas is true or false, not 'yes'");
        assertThatThrownBy(() -> new RedisDb().create(List.of("stale-reads")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the db redis has no --bug switches (stale-reads cannot apply)");
    }

    @Test
    void the_db_is_found_by_name_through_its_service_file() {
        assertThat(java.util.ServiceLoader.load(Db.DbProvider.class).stream()
                        .map(p -> p.get().name()))
                .contains("redis");
    }
}
