package io.faultline.harness.run;

import io.faultline.api.Client;
import io.faultline.api.Completion;
import io.faultline.workloads.generator.Invocation;
import java.util.Objects;

/**
 * Wraps every client the harness opens and enforces {@link ClientRules} on its completions: one that breaks a rule
 * comes back as {@code info} whose error is the {@link ClientRules.Broken} rule. Exceptions pass through (the harness
 * records them as info, as the contract says), and so does {@link #close}.
 */
public final class ValidatingClient implements Client {

    private final Client client;

    public ValidatingClient(Client client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public Completion invoke(Invocation op) throws Exception {
        return ClientRules.enforce(op, client.invoke(op));
    }

    /** The class of the wrapped client, as a violation names it. */
    public String clientClass() {
        return client.getClass().getName();
    }

    @Override
    public void close() {
        client.close();
    }
}
