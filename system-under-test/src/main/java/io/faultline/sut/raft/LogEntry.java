package io.faultline.sut.raft;

/**
 * One entry of the replicated log. The command is opaque to Raft (the key-value store encodes its commands as
 * JSON text); an empty command is the no-op a new leader appends to commit entries of earlier terms.
 */
public record LogEntry(Term term, LogIndex index, String command) {

    public LogEntry {
        if (index.value() < 1) {
            throw new IllegalArgumentException("log entries start at index 1, got " + index);
        }
        if (command == null) {
            throw new IllegalArgumentException("a log entry needs a command (empty for a no-op)");
        }
    }

    public boolean isNoop() {
        return command.isEmpty();
    }
}
