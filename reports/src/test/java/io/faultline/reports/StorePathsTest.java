package io.faultline.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorePathsTest {

    @TempDir
    Path tmp;

    @Test
    void decodingIsStrictPercentDecodingOfUtf8WithPlusKeptAsIs() {
        assertThat(StorePaths.decode("%2e%2E/a+b/%e2%82%ac")).isEqualTo("../a+b/€");
        assertThatThrownBy(() -> StorePaths.decode("%zz")).hasMessageContaining("two hex digits");
        assertThatThrownBy(() -> StorePaths.decode("abc%2")).hasMessageContaining("two hex digits");
        assertThatThrownBy(() -> StorePaths.decode("%ff%fe")).hasMessageContaining("not UTF-8");
    }

    @Test
    void aPlainPathInsideTheStoreIsFoundWithItsSegmentsAndAnythingElseIsRefusedWithTheRuleItBreaks() throws Exception {
        Files.createDirectories(tmp.resolve("t/r"));
        Files.writeString(tmp.resolve("t/r/history.jsonl"), "");
        StorePaths paths = new StorePaths(tmp);

        assertThat(paths.lookup("t/r/history.jsonl")).isInstanceOfSatisfying(StorePaths.Found.class, f -> {
            assertThat(f.segments()).containsExactly("t", "r", "history.jsonl");
        });
        assertThat(paths.lookup("t/r/")).isInstanceOf(StorePaths.Found.class);
        assertThat(paths.lookup("t/%2e%2e/t/r"))
                .isEqualTo(new StorePaths.Refused(404, "'..' is not allowed in a path"));
        assertThat(paths.lookup("/etc"))
                .isEqualTo(new StorePaths.Refused(404, "an empty path segment (an absolute path?)"));
        assertThat(paths.lookup("t/.hidden")).isEqualTo(new StorePaths.Refused(404, "hidden files are not served"));
        assertThat(paths.lookup("t/missing")).isEqualTo(new StorePaths.Refused(404, "no such file"));
        assertThat(paths.lookup("%zz")).isInstanceOfSatisfying(StorePaths.Refused.class, r -> {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.why()).startsWith("malformed path");
        });
    }
}
