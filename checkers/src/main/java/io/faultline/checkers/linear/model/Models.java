package io.faultline.checkers.linear.model;

import io.faultline.checkers.history.Operation;
import io.faultline.checkers.linear.Model;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The built-in models by name, and a guess at the right one from a history's operations. */
public final class Models {
    /** The names accepted by {@link #byName}. */
    public static final List<String> NAMES =
            List.of("register", "cas-register", "kv", "multi-register", "set", "queue", "mutex");

    private Models() {}

    /**
     * @param name one of {@link #NAMES}
     * @param initial the initial value (register value, kv default, set contents); null for the model's default
     */
    public static Model<?, ?> byName(String name, @Nullable Object initial) {
        return switch (name) {
            case "register" -> new RegisterModel(false, initial);
            case "cas-register" -> new RegisterModel(true, initial);
            case "kv" -> new KvModel(initial);
            case "multi-register" -> new MultiRegisterModel(initial);
            case "set" -> new SetModel(initial);
            case "queue" -> new QueueModel();
            case "mutex" -> new MutexModel();
            default ->
                throw new IllegalArgumentException(
                        "unknown model '" + name + "': expected one of " + String.join(", ", NAMES));
        };
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
