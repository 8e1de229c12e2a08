package io.faultline.sut.raft;

/** A membership change the leader cannot start now; the message names the rule. Nothing was changed. */
public final class ConfigChangeRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigChangeRejectedException(String message) {
        super(message);
    }
}
