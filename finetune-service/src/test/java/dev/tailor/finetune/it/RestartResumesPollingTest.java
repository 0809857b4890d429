package dev.tailor.finetune.it;

import dev.tailor.contracts.ModelPromotion;
import dev.tailor.finetune.dataset.DatasetWriter;
import dev.tailor.finetune.dataset.QaPair;
import dev.tailor.finetune.groups.GroupIds;
import dev.tailor.finetune.jobs.JobRecord;
import dev.tailor.finetune.jobs.JobStatus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A restart while the provider trains: the service finds the job on the jobs topic in a non-terminal state and
 * polls the provider for it; it never uploads or submits again.
 */
@QuarkusTest
@QuarkusTestResource(value = RestartResumesPollingTest.InterruptedJob.class, restrictToAnnotatedClass = true)
class RestartResumesPollingTest {

    static final String RUN = Stack.runId();
    static final String ROLE = "ft" + RUN + "r";
    static final String GROUP = GroupIds.of(List.of(ROLE));
    static final String PROVIDER_JOB = "ftjob-r" + RUN;
    static final String MODEL = "ft:gpt-4o-mini:tailor:r" + RUN;
    static final String JOB_ID = "resume-" + RUN;

    /** The state a service left behind when it stopped mid-training, written before this service starts. */
    public static class InterruptedJob extends FakeProvider {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = super.start();
            try {
                Path dir = Files.createTempDirectory("tailor-resume-");
                String answer = "The blorvex" + RUN + " valve is replaced every spring.";
                DatasetWriter.write(dir, "system", List.of(new QaPair("q?", "a.", "d")),
                        List.of(new QaPair("When is the blorvex" + RUN + " valve replaced?", answer, "d")), Map.of());
                ProviderStubs.jobProgress(PROVIDER_JOB, "succeeded", MODEL, null);
                ProviderStubs.answers(MODEL, answer);
                Instant before = Instant.now().minusSeconds(60);
                Stack.send("finetune.jobs", JOB_ID, new JobRecord(JOB_ID, GROUP, List.of(ROLE), "fp-" + RUN,
                        JobStatus.RUNNING, "openai", "gpt-4o-mini", dir.toString(), 1, 1, "file-abc", PROVIDER_JOB,
                        null, null, null, null, "provider status running", List.of(), false, before, before));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return config;
        }
    }

    @Test
    void theJobIsPolledEvaluatedAndPromotedWithoutBeingSubmittedAgain() {
        String admin = Stack.token("admin");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(admin)
                .get("/api/v1/jobs/{id}", JOB_ID).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("PROMOTED"))
                .body("fineTunedModel", org.hamcrest.Matchers.is(MODEL)));

        FakeProvider.server.verify(moreThanOrExactly(3), getRequestedFor(urlEqualTo("/v1/fine_tuning/jobs/" + PROVIDER_JOB)));
        FakeProvider.server.verify(0, postRequestedFor(urlEqualTo("/v1/files")));
        FakeProvider.server.verify(0, postRequestedFor(urlEqualTo("/v1/fine_tuning/jobs")));
        ModelPromotion promotion = Stack.promotion(GROUP).orElseThrow();
        assertThat(promotion.modelId()).isEqualTo(MODEL);
        assertThat(promotion.roles()).containsExactly(ROLE);
        assertThat(promotion.corpusFingerprint()).isEqualTo("fp-" + RUN);
    }
}
