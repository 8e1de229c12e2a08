package io.faultline.checkers.txn;

import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The transactions of a list-append history, paired from its ops. Only client {@code txn} ops count. Unlike {@link
 * io.faultline.checkers.history.HistoryPairer} this accepts a completion with no invocation (Elle's own test
 * histories are written that way) and takes it as an instantaneous transaction.
 *
 * @param txns every transaction, ok, info and failed, ids dense in invocation order
 */
public record TxnHistory(List<Txn> txns) {

    public TxnHistory {
        txns = List.copyOf(txns);
    }

    /**
     * @throws IllegalArgumentException when an op's value is not a list of micro-ops (the message names the op)
     */
    public static TxnHistory of(List<Op> history) {
        record Open(int slot, Op invocation, long position) {}
        Map<ProcessId, Open> open = new HashMap<>();
        List<Txn> txns = new ArrayList<>();
        for (int position = 0; position < history.size(); position++) {
            Op op = history.get(position);
            if (!(op.process() instanceof ProcessId.Client) || !op.f().equals("txn")) {
                continue;
            }
            if (op.type() == OpType.INVOKE) {
                open.put(op.process(), new Open(txns.size(), op, position));
                txns.add(null);
                continue;
            }
            Open o = open.remove(op.process());
            Op invocation = o == null ? op : o.invocation();
            long call = o == null ? position : o.position();
            Txn.Status status = switch (op.type()) {
                case OK -> Txn.Status.OK;
                case FAIL -> Txn.Status.FAIL;
                default -> Txn.Status.INFO;
            };
            Object value = switch (status) {
                case OK -> op.value();
                case FAIL -> op.value() != null ? op.value() : invocation.value();
                case INFO -> invocation.value();
            };
            Txn txn = new Txn(
                    0,
                    op.process(),
                    status,
                    status == Txn.Status.OK ? nilReadsAreEmpty(parse(value, op)) : parse(value, op),
                    call,
                    status == Txn.Status.INFO ? Long.MAX_VALUE : position,
                    invocation.index(),
                    op.index());
            if (o == null) {
                txns.add(txn);
            } else {
                txns.set(o.slot(), txn);
            }
        }
        for (Open o : open.values()) {
            Op inv = o.invocation();
            txns.set(
                    o.slot(),
                    new Txn(
                            0,
                            inv.process(),
                            Txn.Status.INFO,
                            parse(inv.value(), inv),
                            o.position(),
                            Long.MAX_VALUE,
                            inv.index(),
                            -1));
        }
        List<Txn> numbered = new ArrayList<>(txns.size());
        for (Txn t : txns) {
            numbered.add(new Txn(
                    numbered.size(),
                    t.process(),
                    t.status(),
                    t.micros(),
                    t.call(),
                    t.ret(),
                    t.invokeIndex(),
                    t.completeIndex()));
        }
        return new TxnHistory(numbered);
    }

    /**
     * An ok transaction's {@code [:r k nil]} read the empty list, as in Elle: {@code elle.list-append/read-index}
     * files an ok read of nil under the initial state ({@code (or (peek v) ::init)}) and {@code sorted-values} skips
     * nil and {@code []} alike; only an info op's nil is "not observed". Faultline's own journal fills every ok read
     * with a list, so this matters for Jepsen and Elle histories.
     */
    private static List<MicroOp> nilReadsAreEmpty(List<MicroOp> micros) {
        if (micros.stream().noneMatch(m -> m instanceof MicroOp.Read r && r.value() == null)) {
            return micros;
        }
        return micros.stream()
                .map(m -> m instanceof MicroOp.Read r && r.value() == null ? new MicroOp.Read(r.key(), List.of()) : m)
                .toList();
    }

    private static List<MicroOp> parse(Object value, Op op) {
        try {
            return MicroOp.parseAll(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("op #" + op.index() + ": " + e.getMessage(), e);
        }
    }
}
