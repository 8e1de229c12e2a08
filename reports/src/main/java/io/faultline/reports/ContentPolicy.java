package io.faultline.reports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The Content-Security-Policy of every answer of the results browser. The report stays one self-contained file that
 * opens from disk, so its script and style are inline; instead of {@code 'unsafe-inline'} the policy allows exactly
 * those by their SHA-256 hashes (the report's {@code report.js} and {@code report.css}, the front page's style). An
 * injected script or a changed one does not run; no page may be framed.
 */
final class ContentPolicy {

    /** The header's value. */
    static final String HEADER = "default-src 'none'; script-src " + hash(ReportPage.SCRIPT) + "; style-src "
            + hash(ReportPage.CSS) + " " + hash(IndexPage.CSS) + "; img-src 'self' data:; form-action 'self';"
            + " base-uri 'none'; frame-ancestors 'none'";

    private ContentPolicy() {}

    /** A CSP source for an inline element whose content is exactly {@code inline}: {@code 'sha256-<base64>'}. */
    static String hash(String inline) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(inline.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
