package io.faultline.harness.run;

import io.faultline.api.Completion;
import io.faultline.checkers.history.OpType;
import io.faultline.workloads.generator.Invocation;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The rules of the {@link io.faultline.api.Client} contract that the harness can check on each completion, and the
 * check itself. A completion that breaks one is recorded as {@code info} (it may have happened), and the broken rule
 * is kept with the run.
 *
 * <p>The exact tests, applied to a {@code fail} completion's error (for an exception, to it and every cause):
 *
 * <ul>
 *   <li>{@link Rule#TIMEOUT_IS_INFO}: the error is, or is caused by, a {@link java.net.SocketTimeoutException},
 *       {@link HttpTimeoutException}, {@link TimeoutException} or any other {@link InterruptedIOException}; or its
 *       text (an exception's messages, any other error's {@code toString}) says it is a timeout: it begins with
 *       "timeout", "time-out" or "timed out" (a keyword's colon aside), or its second word begins "timed out"
 *       ("Read timed out"). A text that only mentions a timeout further on ("reading the balances failed, nothing
 *       was written: timeout at n1") is an explanation, and is left alone.
 *   <li>Not flagged: an error that is, or is caused by, an exception raised before a request leaves the client:
 *       {@link ConnectException} (refused, or a connect that timed out), {@link NoRouteToHostException},
 *       {@link UnknownHostException} and {@link HttpConnectTimeoutException}; the walk down the causes stops there.
 *   <li>{@link Rule#LOST_CONNECTION_IS_INFO}: the error is, or is caused by, an {@link IOException} other than
 *       those above, raised before a request leaves the client. A reset, a closed stream or an EOF may come
 *       after the server received the request, so the op may have happened.
 *   <li>{@link Rule#COMPLETION_IS_OK_FAIL_OR_INFO}: {@code invoke} returned null, or a completion of type invoke.
 * </ul>
 *
 * <p>The first two rules do not apply to a {@code read}: a read changes nothing, so it certainly did not take effect
 * whatever became of the request, and a failed read is as sound as an unknown one (Jepsen's clients fail reads that
 * time out; the bundled store answers a read that timed out as definite). An {@code ok} completion is not judged:
 * whether a read's value is plausible is the checker's business.
 */
public final class ClientRules {

    /** A rule of the client contract, with the words the harness prints for it. */
    public enum Rule {
        TIMEOUT_IS_INFO("a timeout is info, never fail"),
        LOST_CONNECTION_IS_INFO("a lost connection is info, never fail"),
        COMPLETION_IS_OK_FAIL_OR_INFO("invoke returns an ok, fail or info completion, never null");

        private final String text;

        Rule(String text) {
            this.text = text;
        }

        /** The rule as a sentence, e.g. {@code a timeout is info, never fail}. */
        public String text() {
            return text;
        }
    }

    /**
     * What a broken rule turned a completion into: the error of the {@code info} completion that replaces it.
     *
     * @param rule the rule broken
     * @param detail what the client returned instead
     */
    public record Broken(Rule rule, String detail) {
        /** The error text recorded in the history. */
        @Override
        public String toString() {
            return "client rule broken: " + rule.text() + " — " + detail;
        }
    }

    private ClientRules() {}

    /** The function of the ops that change nothing, to which the timeout and lost-connection rules do not apply. */
    public static final String READ = "read";

    /** The rule this completion of {@code op} breaks, if any. */
    public static Optional<Broken> check(Invocation op, @Nullable Completion completion) {
        if (completion == null) {
            return Optional.of(new Broken(Rule.COMPLETION_IS_OK_FAIL_OR_INFO, "it returned null"));
        }
        if (completion.type() == OpType.INVOKE) {
            return Optional.of(new Broken(Rule.COMPLETION_IS_OK_FAIL_OR_INFO, "it returned an invoke completion"));
        }
        if (completion.type() != OpType.FAIL || op.f().equals(READ)) {
            return Optional.empty();
        }
        Object error = completion.error();
        String shown = "it returned fail with error " + describe(error);
        if (isTimeout(error)) {
            return Optional.of(new Broken(Rule.TIMEOUT_IS_INFO, shown));
        }
        if (isLostConnection(error)) {
            return Optional.of(new Broken(Rule.LOST_CONNECTION_IS_INFO, shown));
        }
        return Optional.empty();
    }

    /**
     * The completion the harness records for this one: the same when it breaks no rule, else {@code info} with the
     * {@link Broken} rule as its error.
     */
    public static Completion enforce(Invocation op, @Nullable Completion completion) {
        Optional<Broken> broken = check(op, completion);
        return broken.isPresent() ? Completion.info(broken.get()) : completion;
    }

    static boolean isTimeout(@Nullable Object error) {
        if (error instanceof Throwable top) {
            for (Throwable t = top; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (beforeSending(t)) {
                    return false;
                }
                if (t instanceof HttpTimeoutException
                        || t instanceof TimeoutException
                        || t instanceof InterruptedIOException
                        || saysTimeout(t.getMessage())) {
                    return true;
                }
            }
            return false;
        }
        return error != null && saysTimeout(error.toString());
    }

    static boolean isLostConnection(@Nullable Object error) {
        if (error instanceof Throwable top) {
            for (Throwable t = top; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (beforeSending(t)) {
                    return false;
                }
                if (t instanceof IOException) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Exceptions raised before a request leaves the client: the op certainly did not happen. */
    private static boolean beforeSending(Throwable t) {
        return t instanceof ConnectException
                || t instanceof NoRouteToHostException
                || t instanceof UnknownHostException
                || t instanceof HttpConnectTimeoutException;
    }

    /** Text that says it is a timeout: {@code timeout ...}, {@code timed out}, {@code Read timed out}. */
    private static final java.util.regex.Pattern TIMEOUT_TEXT = java.util.regex.Pattern.compile(
            "^:?(time-?outs?|timed out|\\S+ timed out)\\b.*", java.util.regex.Pattern.DOTALL);

    private static boolean saysTimeout(@Nullable String text) {
        return text != null
                && TIMEOUT_TEXT.matcher(text.strip().toLowerCase(Locale.ROOT)).matches();
    }

    private static String describe(@Nullable Object error) {
        if (error instanceof Throwable t) {
            return t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        return String.valueOf(error);
    }
}
