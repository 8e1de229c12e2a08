package io.faultline.sut.disk;

import io.faultline.sut.raft.Configuration;
import io.faultline.sut.raft.LogIndex;
import io.faultline.sut.raft.Snapshot;
import io.faultline.sut.raft.StorageFailedException;
import io.faultline.sut.raft.Term;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The latest snapshot in one checksummed file ({@code snapshot}), replaced atomically: written to a temporary
 * file, forced, renamed over the old one, and the directory forced.
 */
final class SnapshotFile {

    private SnapshotFile() {}

    static Optional<Snapshot> read(Path dir) {
        Path file = dir.resolve("snapshot");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file));
            int length = all.getInt();
            int crc = all.getInt();
            if (length != all.remaining()) {
                throw new StorageFailedException("snapshot " + file + " is " + all.remaining()
                        + " bytes after its header, which says " + length);
            }
            CRC32C check = new CRC32C();
            check.update(all.duplicate());
            if ((int) check.getValue() != crc) {
                throw new StorageFailedException("snapshot " + file + " fails its checksum");
            }
            LogIndex index = LogIndex.of(all.getLong());
            Term term = new Term(all.getLong());
            Configuration configuration = Configuration.decode(readString(all));
            return Optional.of(new Snapshot(index, term, configuration, readString(all)));
        } catch (IOException | RuntimeException e) {
            if (e instanceof StorageFailedException s) {
                throw s;
            }
            throw new StorageFailedException("cannot read snapshot " + file + ": " + e, e);
        }
    }

    static void write(Path dir, Snapshot snapshot) {
        byte[] configuration = snapshot.configuration().encode().getBytes(StandardCharsets.UTF_8);
        byte[] data = snapshot.data().getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(8 + 8 + 4 + configuration.length + 4 + data.length);
        body.putLong(snapshot.index().value()).putLong(snapshot.term().value());
        body.putInt(configuration.length).put(configuration).putInt(data.length).put(data);
        body.flip();
        CRC32C crc = new CRC32C();
        crc.update(body.duplicate());
        ByteBuffer all = ByteBuffer.allocate(8 + body.remaining());
        all.putInt(body.remaining()).putInt((int) crc.getValue()).put(body).flip();
        replaceAtomically(dir, "snapshot", all);
    }

    /** Writes {@code name} in {@code dir} so that a crash leaves either the old or the new file, whole. */
    static void replaceAtomically(Path dir, String name, ByteBuffer content) {
        Path tmp = dir.resolve(name + ".tmp");
        try {
            try (FileChannel c = FileChannel.open(
                    tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                while (content.hasRemaining()) {
                    c.write(content);
                }
                c.force(true);
            }
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(dir);
        } catch (IOException e) {
            throw new StorageFailedException("cannot replace " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory; the files' own fsyncs still hold their contents.
        }
    }

    private static String readString(ByteBuffer b) {
        byte[] bytes = new byte[b.getInt()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
