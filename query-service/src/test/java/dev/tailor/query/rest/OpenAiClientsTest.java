package dev.tailor.query.rest;

import dev.tailor.query.support.DemoCorpus;
import dev.tailor.query.support.LocalModel;
import dev.tailor.testsupport.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official {@code openai} Python SDK and LangChain's {@code ChatOpenAI}, pinned in src/test/python/requirements.txt,
 * against this service answering with the local model (model-service): plain, streamed, multi-turn, errors. The
 * clients are installed once into a venv in the cache ({@code TAILOR_CACHE}, default ~/.cache/tailor), named by the
 * requirements' hash; src/test/python/openai_clients.py holds the checks.
 */
@QuarkusTest
@TestProfile(LocalModel.class)
class OpenAiClientsTest {

    @RegisterExtension
    static final DemoCorpus CORPUS = new DemoCorpus();
    static final Path SOURCES = Path.of("src/test/python");
    static Path python;

    @TestHTTPResource("/v1")
    URL baseUrl;

    @BeforeAll
    static void clients() throws Exception {
        byte[] requirements = Files.readAllBytes(SOURCES.resolve("requirements.txt"));
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(requirements)).substring(0, 12);
        String cache = System.getenv().getOrDefault("TAILOR_CACHE", System.getProperty("user.home") + "/.cache/tailor");
        Path venv = Path.of(cache, "openai-clients-" + hash);
        python = venv.resolve("bin/python");
        if (!Files.exists(venv.resolve(".complete"))) {
            Files.createDirectories(venv.getParent());
            run(List.of("python3", "-m", "venv", "--clear", venv.toString()), Map.of(), 300);
            run(List.of(python.toString(), "-m", "pip", "install", "--disable-pip-version-check", "--quiet",
                    "-r", SOURCES.resolve("requirements.txt").toString()), Map.of(), 900);
            Files.createFile(venv.resolve(".complete"));
        }
    }

    @Test
    void theOpenAiSdkAndLangChainWorkAgainstTailor() throws Exception {
        String foreignToDave = CORPUS.names().stream().filter(n -> !DemoCorpus.READABLE.get("dave").contains(n))
                .map(CORPUS::secretWord).collect(Collectors.joining(","));
        String output = run(List.of(python.toString(), SOURCES.resolve("openai_clients.py").toString()), Map.of(
                "BASE_URL", baseUrl.toString(),
                "TOKEN_URL", Tokens.issuer() + "/protocol/openid-connect/token",
                "MARKER", CORPUS.marker,
                "READABLE_CAROL", DemoCorpus.READABLE.get("carol").stream().map(CORPUS::docId).collect(Collectors.joining(",")),
                "FOREIGN_TO_DAVE", foreignToDave), 1800);

        assertThat(output).contains("all client checks passed");
    }

    /** Runs a command to its end and returns its output; fails with the output when it fails. */
    private static String run(List<String> command, Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("openai-clients", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        assertThat(finished && process.exitValue() == 0)
                .as("%s%nfinished: %s%n%s", String.join(" ", command), finished, output).isTrue();
        return output;
    }
}
