package io.faultline.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a request path to a file of the store, refusing anything that could leave it: the raw path is decoded once
 * (strict percent-decoding, UTF-8), then every segment must be a plain name: not empty (no {@code //}, so no
 * absolute path), not {@code .} or {@code ..} (however encoded), not hidden, without {@code \} or NUL. The real path
 * of what it names, symbolic links followed, must still lie inside the store's real path.
 */
final class StorePaths {

    /** The outcome of a lookup. */
    sealed interface Lookup permits Found, Refused {}

    /** An existing file or directory inside the store; {@code segments} are the decoded path under the store. */
    record Found(Path path, List<String> segments) implements Lookup {}

    /**
     * A refusal: 404 for a path that is malformed, names nothing, or tries to climb out (without saying whether
     * anything exists there); 403 for a link that leads out of the store.
     */
    record Refused(int status, String why) implements Lookup {}

    private final Path storeReal;

    StorePaths(Path store) throws IOException {
        this.storeReal = store.toRealPath();
    }

    Path store() {
        return storeReal;
    }

    /** Looks up a raw (still percent-encoded) path relative to the store, e.g. {@code bank/20261128T020523.651/x}. */
    Lookup lookup(String rawRelative) {
        List<String> segments = new ArrayList<>();
        if (!rawRelative.isEmpty()) {
            String decoded;
            try {
                decoded = decode(rawRelative);
            } catch (IllegalArgumentException e) {
                return new Refused(404, "malformed path: " + e.getMessage());
            }
            String[] parts = decoded.split("/", -1);
            for (int i = 0; i < parts.length; i++) {
                String s = parts[i];
                if (s.isEmpty() && i == parts.length - 1 && i > 0) {
                    continue; // a trailing slash names the directory
                }
                String problem = problem(s);
                if (problem != null) {
                    return new Refused(404, problem);
                }
                segments.add(s);
            }
        }
        Path candidate = storeReal;
        for (String s : segments) {
            candidate = candidate.resolve(s);
        }
        candidate = candidate.normalize();
        if (!candidate.startsWith(storeReal)) {
            return new Refused(404, "the path leaves the store");
        }
        if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            return new Refused(404, "no such file");
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            return new Refused(404, "no such file (a dangling link?)");
        }
        if (!real.startsWith(storeReal)) {
            return new Refused(403, "a link that leads out of the store");
        }
        return new Found(real, List.copyOf(segments));
    }

    private static String problem(String segment) {
        if (segment.isEmpty()) {
            return "an empty path segment (an absolute path?)";
        }
        if (segment.equals(".") || segment.equals("..")) {
            return "'" + segment + "' is not allowed in a path";
        }
        if (segment.startsWith(".")) {
            return "hidden files are not served";
        }
        if (segment.indexOf('\\') >= 0 || segment.indexOf('\0') >= 0) {
            return "backslashes and NUL are not allowed in a path";
        }
        return null;
    }

    /** Strict percent-decoding: {@code +} stays a plus, a bad escape or invalid UTF-8 is refused. */
    static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("a '%' must be followed by two hex digits");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("a '%' must be followed by two hex digits");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                int cp = raw.codePointAt(i);
                byte[] encoded = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(cp) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the path is not UTF-8");
        }
    }
}
