package io.faultline.harness.db;

import static io.faultline.harness.db.StoreHttp.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.api.Client;
import io.faultline.api.ClusterView;
import io.faultline.api.Completion;
import io.faultline.harness.db.StoreHttp.Answer;
import io.faultline.workloads.bank.BankWorkload;
import io.faultline.workloads.generator.Invocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bank workload on the bundled store: each account is a register ({@code a0}, {@code a1}, ...); an account
 * never written holds the workload's initial balance. A {@code read} reads every account at one point of the log
 * ({@code POST /registers/read}). A {@code transfer} reads its two accounts, refuses to overdraw, and writes both
 * new balances with one guarded write ({@code POST /registers/txn}) that applies only if neither account changed
 * since: a concurrent transfer makes it fail, never half-happen.
 *
 * <p>Fates: anything that goes wrong before the guarded write is sent is {@code fail} (nothing was written); the
 * guarded write's timeout or lost connection is {@code info}; a read's is {@code info} too.
 */
final class BankClient implements Client {

    private final StoreHttp http;
    private final String node;
    private final BankWorkload bank;

    BankClient(ClusterView cluster, String node, BankWorkload bank) {
        this.http = new StoreHttp(cluster);
        this.node = node;
        this.bank = bank;
    }

    @Override
    public Completion invoke(Invocation op) throws InterruptedException {
        return switch (op.f()) {
            case "read" -> read();
            case "transfer" -> transfer(op.value());
            default -> throw new IllegalArgumentException("the bank client has no op '" + op.f() + "'");
        };
    }

    private Completion read() throws InterruptedException {
        Answer answer =
                http.call(node, uri -> StoreHttp.json(uri.apply("/registers/read"), "POST", keys(bank.accountIds())));
        return switch (answer) {
            case Answer.Ok ok -> {
                Map<Long, Object> balances = new LinkedHashMap<>();
                for (long account : bank.accountIds()) {
                    JsonNode stored = ok.body().path("values").get(register(account));
                    balances.put(
                            account,
                            stored == null || stored.isNull() ? bank.initialBalance() : StoreHttp.plain(stored));
                }
                yield Completion.ok(balances);
            }
            case Answer.Unknown u -> Completion.info(u.why());
            case Answer.NotSent n -> Completion.fail(n.why());
            case Answer.Refusal r -> r.definite() ? Completion.fail(r.error()) : Completion.info(r.error());
        };
    }

    private Completion transfer(Object value) throws InterruptedException {
        if (!(value instanceof Map<?, ?> t)
                || !(t.get("from") instanceof Number from)
                || !(t.get("to") instanceof Number to)
                || !(t.get("amount") instanceof Number amount)) {
            throw new IllegalArgumentException("a transfer needs {from, to, amount} numbers, not " + value);
        }
        String source = register(from.longValue());
        String target = register(to.longValue());
        Answer seen = http.call(
                node,
                uri -> StoreHttp.json(
                        uri.apply("/registers/read"), "POST", keys(List.of(from.longValue(), to.longValue()))));
        if (!(seen instanceof Answer.Ok ok)) {
            return Completion.fail("reading the balances failed, nothing was written: " + why(seen));
        }
        JsonNode rawFrom = ok.body().path("values").path(source);
        JsonNode rawTo = ok.body().path("values").path(target);
        long fromBalance = balance(rawFrom);
        long toBalance = balance(rawTo);
        if (fromBalance < amount.longValue()) {
            return Completion.fail("insufficient funds: account " + from + " holds " + fromBalance);
        }
        ObjectNode body = JSON.createObjectNode();
        ObjectNode expect = body.putObject("if");
        expect.set(source, rawFrom);
        expect.set(target, rawTo);
        ObjectNode writes = body.putObject("then");
        writes.put(source, fromBalance - amount.longValue());
        writes.put(target, toBalance + amount.longValue());
        Answer written = http.call(node, uri -> StoreHttp.json(uri.apply("/registers/txn"), "POST", body));
        return switch (written) {
            case Answer.Ok o -> Completion.ok(value);
            case Answer.Unknown u -> Completion.info(u.why());
            case Answer.NotSent n -> Completion.fail(n.why());
            case Answer.Refusal r
            when r.error().equals("cas-mismatch") -> Completion.fail("conflict: a balance changed since it was read");
            case Answer.Refusal r -> r.definite() ? Completion.fail(r.error()) : Completion.info(r.error());
        };
    }

    /** A balance as stored, the initial balance for an account never written. */
    private long balance(JsonNode stored) {
        if (stored == null || stored.isNull() || stored.isMissingNode()) {
            return bank.initialBalance();
        }
        if (!stored.isIntegralNumber()) {
            throw new IllegalStateException("an account holds " + stored + ", not an amount");
        }
        return stored.asLong();
    }

    private static String register(long account) {
        return "a" + account;
    }

    private static ObjectNode keys(List<Long> accounts) {
        ObjectNode body = JSON.createObjectNode();
        var keys = body.putArray("keys");
        accounts.forEach(a -> keys.add(register(a)));
        return body;
    }

    private static String why(Answer answer) {
        return switch (answer) {
            case Answer.Ok ok -> "ok";
            case Answer.Unknown u -> u.why();
            case Answer.NotSent n -> n.why();
            case Answer.Refusal r -> r.error();
        };
    }

    @Override
    public void close() {
        http.close();
    }
}
