package io.faultline.sut.kv;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.sut.json.JsonValue;
import io.faultline.sut.kv.Command.Cas;
import io.faultline.sut.kv.Command.CounterAdd;
import io.faultline.sut.kv.Command.SetAdd;
import io.faultline.sut.kv.Command.Txn;
import io.faultline.sut.kv.Command.Write;
import java.util.List;
import org.junit.jupiter.api.Test;

class KvStateMachineTest {

    private final KvStateMachine store = new KvStateMachine();

    @Test
    void cas_succeeds_only_from_the_current_value_and_reports_it_otherwise() {
        store.apply(new Write("x", JsonValue.of(1)));

        Outcome wrong = store.apply(new Cas("x", JsonValue.of(2), JsonValue.of(3)));
        Outcome right = store.apply(new Cas("x", JsonValue.of(1), JsonValue.of(3)));

        assertThat(wrong).as("cas from a value not there").isEqualTo(new Outcome.CasMismatch(JsonValue.of(1)));
        assertThat(right).as("cas from the current value").isInstanceOf(Outcome.Done.class);
        assertThat(store.query(new Query.ReadRegister("x")))
                .as("register after cas")
                .isEqualTo(JsonValue.of(3));
    }

    @Test
    void cas_from_null_creates_an_absent_key() {
        Outcome outcome = store.apply(new Cas("y", JsonValue.NULL, JsonValue.of("v")));

        assertThat(outcome).as("absent key reads as null").isInstanceOf(Outcome.Done.class);
        assertThat(store.query(new Query.ReadRegister("y"))).isEqualTo(JsonValue.of("v"));
    }

    @Test
    void a_transaction_sees_its_own_appends_in_order() {
        Txn txn = new Txn(CommandCodec.decodeMicroOps(
                JsonValue.parse("[[\"r\",\"a\",null],[\"append\",\"a\",1],[\"append\",\"a\",2],[\"r\",\"a\",null]]")));

        Outcome outcome = store.apply(txn);

        assertThat(outcome)
                .as("reads inside the transaction")
                .isEqualTo(new Outcome.Done(JsonValue.parse(
                        "[[\"r\",\"a\",[]],[\"append\",\"a\",1],[\"append\",\"a\",2],[\"r\",\"a\",[1,2]]]")));
    }

    @Test
    void previewing_a_transaction_changes_nothing() {
        Txn txn = new Txn(List.of(new Command.Append("a", JsonValue.of(7))));

        store.preview(txn);

        assertThat(store.query(new Query.ReadList("a")))
                .as("list after preview")
                .isEqualTo(JsonValue.parse("[]"));
    }

    @Test
    void sets_keep_each_element_once_and_counters_sum() {
        store.apply(new SetAdd("s", JsonValue.of(1)));
        store.apply(new SetAdd("s", JsonValue.of(1)));
        store.apply(new SetAdd("s", JsonValue.of(2)));
        store.apply(new CounterAdd("c", 5));
        store.apply(new CounterAdd("c", -2));

        assertThat(store.query(new Query.ReadSet("s"))).as("set").isEqualTo(JsonValue.parse("[1,2]"));
        assertThat(store.query(new Query.ReadCounter("c"))).as("counter").isEqualTo(JsonValue.of(3));
    }

    @Test
    void every_command_survives_encoding_for_the_log() {
        List<Command> commands = List.of(
                new Write("k", JsonValue.parse("{\"a\":[1]}")),
                new Cas("k", JsonValue.NULL, JsonValue.of(2)),
                new Txn(List.of(new Command.Append("l", JsonValue.of(1)), new Command.ReadList("l"))),
                new SetAdd("s", JsonValue.of("e")),
                new CounterAdd("c", -4));

        for (Command command : commands) {
            assertThat(CommandCodec.decode(CommandCodec.encode(command)))
                    .as("round trip of %s", command)
                    .isEqualTo(command);
        }
    }

    @Test
    void a_restored_snapshot_answers_every_query_as_the_original() {
        store.apply(new Write("r", JsonValue.parse("{\"deep\":[1,\"x\"]}")));
        store.apply(
                new Txn(List.of(new Command.Append("l", JsonValue.of(1)), new Command.Append("l", JsonValue.of(2)))));
        store.apply(new SetAdd("s", JsonValue.of("a")));
        store.apply(new CounterAdd("c", 7));
        KvStateMachine copy = new KvStateMachine();

        copy.restore(store.snapshot());

        List<Query> queries = List.of(
                new Query.ReadRegister("r"),
                new Query.ReadList("l"),
                new Query.ReadSet("s"),
                new Query.ReadCounter("c"));
        for (Query q : queries) {
            assertThat(copy.query(q)).as("%s after restore", q).isEqualTo(store.query(q));
        }
    }

    @Test
    void a_guarded_write_changes_every_register_when_all_guards_hold_and_none_when_one_does_not() {
        store.apply(new Write("a", JsonValue.of(10)));
        Command.GuardedWrite stale = CommandCodec.guardedWrite(
                (JsonValue.JsonObject) JsonValue.parse("{\"if\":{\"a\":9,\"b\":null},\"then\":{\"a\":6,\"b\":3}}"));
        Command.GuardedWrite fresh = CommandCodec.guardedWrite(
                (JsonValue.JsonObject) JsonValue.parse("{\"if\":{\"a\":10,\"b\":null},\"then\":{\"a\":7,\"b\":3}}"));

        Outcome refused = store.apply(stale);
        JsonValue afterRefusal = store.query(new Query.ReadRegisters(List.of("a", "b")));
        Outcome applied = store.apply(fresh);

        assertThat(refused)
                .as("a guard that does not hold reports what the registers hold")
                .isEqualTo(new Outcome.CasMismatch(JsonValue.parse("{\"a\":10,\"b\":null}")));
        assertThat(afterRefusal).as("nothing written").isEqualTo(JsonValue.parse("{\"a\":10,\"b\":null}"));
        assertThat(applied).isInstanceOf(Outcome.Done.class);
        assertThat(store.query(new Query.ReadRegisters(List.of("a", "b"))))
                .as("both registers written together")
                .isEqualTo(JsonValue.parse("{\"a\":7,\"b\":3}"));
    }

    @Test
    void a_guarded_write_survives_the_log_encoding_and_a_snapshot() {
        Command.GuardedWrite write = CommandCodec.guardedWrite(
                (JsonValue.JsonObject) JsonValue.parse("{\"if\":{\"a\":null},\"then\":{\"a\":1,\"b\":2}}"));

        Command decoded = CommandCodec.decode(CommandCodec.encode(write));
        store.apply(decoded);
        KvStateMachine restored = new KvStateMachine();
        restored.restore(store.snapshot());

        assertThat(decoded).isEqualTo(write);
        assertThat(restored.query(new Query.ReadRegisters(List.of("b", "a"))))
                .isEqualTo(JsonValue.parse("{\"b\":2,\"a\":1}"));
    }
}
