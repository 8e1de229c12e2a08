package io.faultline.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResultsServerTest {
    private static final String SECRET = "the secret outside the store";

    @TempDir
    Path tmp;

    private Path store;
    private ResultsServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        store = Files.createDirectories(tmp.resolve("store"));
        Fixtures.copy(Fixtures.VALID, store);
        Fixtures.copy(Fixtures.INVALID, store);
        Fixtures.copy(Fixtures.FAULTS, store);
        Fixtures.copy(Fixtures.KEYS, store);
        Files.createSymbolicLink(store.resolve("latest"), Path.of(Fixtures.INVALID));
        Files.writeString(tmp.resolve("secret.txt"), SECRET);
        server = ResultsServer.start(store, ResultsServer.loopback(0));
    }

    @AfterEach
    void stop() {
        server.close();
        http.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(
                HttpRequest.newBuilder(server.uri().resolve(pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the request line as written, so no client library normalizes the path first. */
    private String rawStatusAndBody(String method, String rawPath) throws IOException {
        return raw(method + " " + rawPath + " HTTP/1.1\r\nHost: localhost:"
                + server.address().getPort() + "\r\nConnection: close\r\n\r\n");
    }

    /** Sends the request as written (head and all) and reads the whole answer. */
    private String raw(String request) throws IOException {
        try (Socket socket =
                new Socket(server.address().getAddress(), server.address().getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theFrontPageListsEveryRunOnceNewestFirstWithVerdictNameDurationAndParameters() throws Exception {
        HttpResponse<String> response = get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        Document doc = Jsoup.parse(response.body());
        assertThat(doc.select("tr.run td.test-name").eachText())
                .as("the latest link does not list a run twice")
                .containsExactly(
                        "multi-register-keys", "register-invalid", "register-skew-isolate-primary", "bank-none");
        assertThat(doc.select("tr.run .verdict").eachText()).containsExactly("invalid", "invalid", "unknown", "valid");
        assertThat(doc.select("tr.run .verdict").eachAttr("class"))
                .containsExactly(
                        "verdict verdict-invalid",
                        "verdict verdict-invalid",
                        "verdict verdict-unknown",
                        "verdict verdict-valid");
        assertThat(doc.select("tr.run").get(3).select("td.started").text()).isEqualTo("2026-11-28T02:05:23.656625410Z");
        assertThat(doc.select("tr.run").get(3).text())
                .contains("20261128T020523.651")
                .contains("workload=bank")
                .contains("nemesis=none")
                .contains(" s");
    }

    @Test
    void theFrontPageFiltersByVerdictAndByPartOfTheTestName() throws Exception {
        Document invalid = Jsoup.parse(get("/?verdict=invalid").body());
        Document register = Jsoup.parse(get("/?name=REGISTER").body());
        Document both = Jsoup.parse(get("/?verdict=valid&name=register").body());

        assertThat(invalid.select("tr.run td.test-name").eachText())
                .containsExactly("multi-register-keys", "register-invalid");
        assertThat(register.select("tr.run td.test-name").eachText())
                .containsExactly("multi-register-keys", "register-invalid", "register-skew-isolate-primary");
        assertThat(both.select("tr.run")).isEmpty();
    }

    @Test
    void runFilesAreServedWithTheirContentTypes() throws Exception {
        String run = "/runs/" + Fixtures.FAULTS + "/";

        HttpResponse<String> history = get(run + "history.jsonl");
        HttpResponse<String> results = get(run + "results.json");
        HttpResponse<String> nodeLog = get(run + "n1/node.log");

        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(history.body())
                .isEqualTo(Files.readString(store.resolve(Fixtures.FAULTS).resolve("history.jsonl")));
        assertThat(results.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(nodeLog.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(nodeLog.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void aMissingReportIsGeneratedOnTheFlyAndARunDirectoryLeadsToIt() throws Exception {
        Path report = store.resolve(Fixtures.INVALID).resolve("report.html");
        assertThat(report).doesNotExist();

        HttpResponse<String> response = get("/runs/" + Fixtures.INVALID + "/report.html");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(Jsoup.parse(response.body()).select("#counterexample")).hasSize(1);
        assertThat(report).isRegularFile();
        HttpResponse<String> directory = get("/runs/" + Fixtures.INVALID + "/");
        assertThat(directory.statusCode()).isEqualTo(302);
        assertThat(directory.headers().firstValue("Location")).hasValue("/runs/" + Fixtures.INVALID + "/report.html");
    }

    @Test
    void valuesFromRunsAppearOnTheFrontPageAsTextOnly() throws Exception {
        HostileRun.create(store);

        String page = get("/?name=%3Cscript%3E").body();
        Document doc = Jsoup.parse(get("/").body());

        assertThat(doc.select("script, img")).isEmpty();
        assertThat(doc.select("tr.run").text()).contains(HostileRun.SCRIPT).contains(HostileRun.IMG);
        assertThat(page).doesNotContain("<script>").contains("value=\"&lt;script&gt;\"");
    }

    @Test
    void theLatestLinkInsideTheStoreIsFollowed() throws Exception {
        assertThat(get("/runs/latest/results.json").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/runs/../secret.txt",
                "/runs/../../secret.txt",
                "/runs/bank-none/../../secret.txt",
                "/runs/%2e%2e/secret.txt",
                "/runs/%2E%2E/secret.txt",
                "/runs/%2e%2e%2fsecret.txt",
                "/runs/bank-none/..%2F..%2Fsecret.txt",
                "/runs/.%2e/secret.txt",
                "/runs//etc/passwd",
                "/runs/%2Fetc%2Fpasswd",
                "/runs/..%5csecret.txt",
                "/runs/bank-none/%00",
                "/../secret.txt"
            })
    void aPathThatWouldLeaveTheStoreIsNotFound(String rawPath) throws Exception {
        String response = rawStatusAndBody("GET", rawPath);

        assertThat(response).startsWith("HTTP/1.1 404").doesNotContain(SECRET).doesNotContain("root:");
    }

    @Test
    void aLinkInsideTheStoreThatLeadsOutOfItIsForbidden() throws Exception {
        Files.createSymbolicLink(store.resolve("escape"), tmp);
        Files.createSymbolicLink(store.resolve("escape-file.txt"), tmp.resolve("secret.txt"));

        assertThat(rawStatusAndBody("GET", "/runs/escape/secret.txt"))
                .startsWith("HTTP/1.1 403")
                .doesNotContain(SECRET);
        assertThat(rawStatusAndBody("GET", "/runs/escape-file.txt"))
                .startsWith("HTTP/1.1 403")
                .doesNotContain(SECRET);
        assertThat(Jsoup.parse(get("/").body()).select("tr.run"))
                .as("links are not listed as runs")
                .hasSize(4);
    }

    @Test
    void onlyGetAndHeadAreAnswered() throws Exception {
        assertThat(rawStatusAndBody("POST", "/")).startsWith("HTTP/1.1 405");
        assertThat(rawStatusAndBody("HEAD", "/runs/" + Fixtures.VALID + "/results.json"))
                .startsWith("HTTP/1.1 200");
    }

    @Test
    void aHostHeaderNamingAnotherServerIsRefusedWith421AgainstDnsRebinding() throws Exception {
        int port = server.address().getPort();

        for (String host : new String[] {"evil.example:" + port, "localhost:" + (port + 1), "localhost", "127.0.0.1"}) {
            String answer = raw("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertThat(answer)
                    .as(host)
                    .startsWith("HTTP/1.1 421")
                    .contains("text/html")
                    .contains("Host &quot;" + host + "&quot; does not name this server")
                    .contains("http://localhost:" + port + "/")
                    .doesNotContain("tr class=\"run ");
        }
        assertThat(raw("GET / HTTP/1.0\r\n\r\n"))
                .as("no Host at all")
                .startsWith("HTTP/1.1 421")
                .contains("no Host header");
    }

    @Test
    void theServersOwnNamesAndLoopbackLiteralsWithItsPortAreServed() throws Exception {
        int port = server.address().getPort();

        for (String host : new String[] {
            "localhost:" + port, "LOCALHOST:" + port, "127.0.0.1:" + port, "127.0.0.2:" + port, "[::1]:" + port
        }) {
            assertThat(raw("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"))
                    .as(host)
                    .startsWith("HTTP/1.1 200")
                    .contains("tr class=\"run ");
        }
    }

    @Test
    void everyAnswerForbidsFramingAndAllowsOnlyTheReportsOwnInlineScriptAndStyle() throws Exception {
        HttpResponse<String> report = get("/runs/" + Fixtures.FAULTS + "/report.html");
        HttpResponse<String> front = get("/");
        HttpResponse<String> missing = get("/runs/nothing-here");

        String policy = report.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy)
                .contains("frame-ancestors 'none'")
                .contains("default-src 'none'")
                .doesNotContain("unsafe-inline");
        Document page = Jsoup.parse(report.body());
        assertThat(page.select("script:not([type])")).hasSize(1);
        assertThat(policy)
                .as("the hash of the report's script as it stands in the page")
                .contains("script-src "
                        + ContentPolicy.hash(
                                page.selectFirst("script:not([type])").data()) + ";");
        assertThat(policy).contains(ContentPolicy.hash(page.selectFirst("style").data()));
        assertThat(policy)
                .as("the front page's style")
                .contains(ContentPolicy.hash(
                        Jsoup.parse(front.body()).selectFirst("style").data()));
        assertThat(ContentPolicy.hash("alert(1)")).as("anything else").isNotIn(policy.split("[ ;]+"));
        for (HttpResponse<String> answer : java.util.List.of(report, front, missing)) {
            assertThat(answer.headers().firstValue("Content-Security-Policy")).hasValue(policy);
            assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        }
    }

    @Test
    void aRunWhoseHistoryCannotBeReadIsAnErrorPageNamingTheFileAndLine() throws Exception {
        Path run = Files.createDirectories(store.resolve("broken/20261128T040000.000"));
        Files.writeString(run.resolve("results.json"), "{\"valid\":true}");
        byte[] history = ("{\"index\":0,\"time\":5,\"type\":\"invoke\",\"process\":0,\"f\":\"read\",\"value\":null}\n"
                        + "{\"index\":1,\"time\":7,\"type\":\"ok\",\"process\":0,\"f\":\"read\",\"value\":1}\n"
                        + "{\"index\":2,\"time\":9,\"type\":\"invoke\",\"process\":0,\"f\":\"read\",\"value\":\"\u00ff\"}\n")
                .getBytes(StandardCharsets.ISO_8859_1); // line 3 holds a lone 0xFF byte: not UTF-8
        Files.write(run.resolve("history.jsonl"), history);

        HttpResponse<String> response = get("/runs/broken/20261128T040000.000/report.html");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        Document page = Jsoup.parse(response.body());
        assertThat(page.select("h1").text()).isEqualTo("No report for this run");
        assertThat(page.select("p.reason").text())
                .isEqualTo(run.resolve("history.jsonl") + ": line 3 cannot be read, so no report: it is not UTF-8"
                        + " (Input length = 1)");
        assertThat(run.resolve("report.html")).doesNotExist();
        assertThat(get("/").statusCode()).as("the server goes on").isEqualTo(200);
    }

    @Test
    void theDefaultAddressIsTheLoopbackInterface() {
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(server.uri())
                .isEqualTo(URI.create("http://127.0.0.1:" + server.address().getPort() + "/"));
    }

    @Test
    void aStoreThatDoesNotExistIsRefusedNamingIt() {
        Path missing = tmp.resolve("nowhere");

        assertThatThrownBy(() -> ResultsServer.start(missing, ResultsServer.loopback(0)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString());
    }
}
