package io.faultline.checkers.linear.model;

import io.faultline.checkers.history.Operation;
import io.faultline.checkers.history.Semantics;
import io.faultline.checkers.linear.Model;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The built-in models by name, and a guess at the right one from a history's operations. */
public final class Models {
    /** The names accepted by {@link #byName}. */
    public static final List<String> NAMES =
            List.of("register", "cas-register", "kv", "multi-register", "set", "queue", "mutex");

    private Models() {}

    /** {@link #byName(String, Object, Semantics)} with Porcupine's semantics, those of Faultline's own journal. */
    public static Model<?, ?> byName(String name, @Nullable Object initial) {
        return byName(name, initial, Semantics.PORCUPINE);
    }

    /**
     * @param name one of {@link #NAMES}
     * @param initial the initial value (register value, kv default, set contents, multi-register map of keys to
     *     values); null for the model's default
     * @param semantics what failed ops and nil reads mean to the register models (kv is Porcupine's model and keeps
     *     its rules; set, queue and mutex drop failed ops either way)
     */
    public static Model<?, ?> byName(String name, @Nullable Object initial, Semantics semantics) {
        return switch (name) {
            case "register" -> new RegisterModel(false, initial, semantics);
            case "cas-register" -> new RegisterModel(true, initial, semantics);
            case "kv" -> new KvModel(initial);
            case "multi-register" -> new MultiRegisterModel(initial, semantics);
            case "set" -> new SetModel(initial);
            case "queue" -> new QueueModel();
            case "mutex" -> new MutexModel();
            default ->
                throw new IllegalArgumentException(
                        "unknown model '" + name + "': expected one of " + String.join(", ", NAMES));
        };
    }

    /**
     * The semantics a model actually applies when asked for {@code requested}: {@code kv} is Porcupine's model and
     * always reads Porcupine's way (a nil read is {@code ""}); the others apply what they are given.
     */
    public static Semantics appliedSemantics(String name, Semantics requested) {
        return name.equals("kv") ? Semantics.PORCUPINE : requested;
    }

    /**
     * The model a history most likely needs: {@code kv} when ops carry a {@code key}, else by the functions used
     * ({@code txn} multi-register, {@code add} set, {@code enqueue}/{@code dequeue} queue, {@code acquire}/{@code
     * release} mutex), otherwise {@code cas-register}.
     */
    public static String guess(List<Operation> operations) {
        for (Operation op : operations) {
            if (op.invocation().extra("key") != null) {
                return "kv";
            }
            switch (op.f()) {
                case "txn" -> {
                    return "multi-register";
                }
                case "add" -> {
                    return "set";
                }
                case "enqueue", "dequeue" -> {
                    return "queue";
                }
                case "acquire", "release" -> {
                    return "mutex";
                }
                default -> {}
            }
        }
        return "cas-register";
    }
}
