package dev.tailor.model.support;

import io.restassured.path.json.JsonPath;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Files and fine-tuning jobs through model-service's OpenAI API, as a client would drive them. */
public final class Jobs {

    private Jobs() {
    }

    public static Path resource(String name) {
        try {
            return Path.of(Jobs.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String upload(Path file) {
        return given().multiPart("purpose", "fine-tune").multiPart("file", file.toFile(), "application/jsonl")
                .post("/v1/files").then().statusCode(200).extract().path("id");
    }

    public static String upload(String name, String content) {
        try {
            Path file = Files.createTempFile(name, ".jsonl");
            Files.writeString(file, content);
            return upload(file);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonPath create(Map<String, Object> request) {
        return given().contentType("application/json").body(request).post("/v1/fine_tuning/jobs")
                .then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath job(String id) {
        return given().get("/v1/fine_tuning/jobs/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    public static List<Map<String, Object>> events(String id) {
        return given().queryParam("limit", 100).get("/v1/fine_tuning/jobs/{id}/events", id).then().statusCode(200)
                .extract().jsonPath().getList("data");
    }

    public static JsonPath awaitStatus(String id, Duration atMost, String... statuses) {
        return await().atMost(atMost).pollInterval(Duration.ofSeconds(1))
                .until(() -> job(id), j -> List.of(statuses).contains(j.getString("status")));
    }

    /** Waits until the job's worker has reported a training step. */
    public static void awaitFirstStep(String id, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> events(id).stream()
                .anyMatch(e -> "metrics".equals(e.get("type"))));
    }

    /** The worker process training this job, found by its output directory on the command line. */
    public static Optional<ProcessHandle> worker(String jobId) {
        Predicate<ProcessHandle> trainsJob = p -> p.info().commandLine()
                .map(c -> c.contains("tailor_trainer.train") && c.contains(File.separator + jobId + File.separator))
                .orElse(false);
        return ProcessHandle.allProcesses().filter(trainsJob).findFirst();
    }

    public static String chat(String model, String question) {
        return given().contentType("application/json").body(Map.of("model", model, "temperature", 0, "max_tokens", 40,
                        "messages", List.of(Map.of("role", "system",
                                        "content", "You are Tailor, an assistant that answers questions about the company's documents."),
                                Map.of("role", "user", "content", question))))
                .post("/v1/chat/completions").then().statusCode(200).extract().path("choices[0].message.content");
    }
}
