package io.faultline.checkers.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The characters of a history file: strict UTF-8 (a byte that is not UTF-8 is a {@link HistoryFormatException}
 * naming the line and byte offset, not "Input length = 1"), a leading byte-order mark skipped, at most {@link
 * ReadLimits#maxBytes()} bytes, and the deadline checked at every block read.
 */
public final class HistoryInput extends Reader {
    private static final int BLOCK = 8192;

    private final InputStream in;
    private final String source;
    private final ReadLimits limits;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BLOCK);
    private final CharBuffer chars = CharBuffer.allocate(BLOCK).flip();
    private long bytesRead;
    private long bytesDecoded;
    private int line = 1;
    private boolean started;
    private boolean eof;

    public HistoryInput(InputStream in, String source, ReadLimits limits) {
        this.in = in;
        this.source = source;
        this.limits = limits;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (eof) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, chars.remaining());
        chars.get(cbuf, off, n);
        return n;
    }

    private void fill() throws IOException {
        limits.checkDeadline(source, line);
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
            bytesRead += n;
            if (bytesRead > limits.maxBytes()) {
                throw new HistoryFormatException(
                        source,
                        line,
                        "the file is larger than " + ReadLimits.describeBytes(limits.maxBytes())
                                + " (the reader's limit)");
            }
        }
        bytes.flip();
        chars.clear();
        CoderResult result = decoder.decode(bytes, chars, eof);
        if (!result.isError() && eof) {
            result = decoder.flush(chars);
        }
        chars.flip();
        int start = 0;
        if (!started && chars.hasRemaining()) {
            started = true;
            if (chars.get(0) == '\uFEFF') {
                chars.get();
                start = 1;
            }
        }
        int newlines = 0;
        for (int i = start; i < chars.limit(); i++) {
            if (chars.get(i) == '\n') {
                newlines++;
            }
        }
        line += newlines;
        if (result.isError()) {
            long offset = bytesDecoded + bytes.position();
            throw new HistoryFormatException(
                    source, line, "not UTF-8 (byte offset " + offset + "); histories are read as UTF-8");
        }
        bytesDecoded += bytes.position();
        bytes.compact();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
