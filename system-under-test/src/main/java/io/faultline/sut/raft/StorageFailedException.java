package io.faultline.sut.raft;

/** The disk refused a write or a read: the node can no longer keep Raft's promises and must stop. */
public final class StorageFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StorageFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageFailedException(String message) {
        super(message);
    }
}
