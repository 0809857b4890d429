package dev.tailor.query.tracing;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tailor.query.support.DemoCorpus;
import dev.tailor.query.support.WireMockChat;
import dev.tailor.testsupport.Tokens;
import dev.tailor.testsupport.tracing.TraceIds;
import dev.tailor.testsupport.tracing.TracingOn;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace for a /v1/chat/completions request, continued from the gateway's traceparent: the request's server span,
 * and under it retrieval, routing and the call to the chat model, which carries the trace on to the provider in W3C
 * traceparent (model-service continues it: its TraceContinuationTest). The provider is faked at its HTTP boundary to
 * read the header it receives.
 */
@QuarkusTest
@TestProfile(ChatTraceTest.FakeProvider.class)
class ChatTraceTest {

    public static class FakeProvider extends TracingOn {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(WireMockChat.class));
        }
    }

    @RegisterExtension
    static final DemoCorpus CORPUS = new DemoCorpus();

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void provider() {
        WireMockChat.server().resetAll();
        WireMockChat.server().stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id":"c1","object":"chat.completion","created":1,"model":"gpt-test",
                         "choices":[{"index":0,"message":{"role":"assistant","content":"Every quarter [1]."},
                         "finish_reason":"stop"}],"usage":{"prompt_tokens":90,"completion_tokens":4,"total_tokens":94}}""")));
        WireMockChat.server().stubFor(post(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("\"stream\":true"))
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody("""
                        data: {"id":"c2","object":"chat.completion.chunk","created":1,"model":"gpt-test","choices":[{"index":0,"delta":{"role":"assistant","content":"Every quarter [1]."},"finish_reason":null}]}

                        data: {"id":"c2","object":"chat.completion.chunk","created":1,"model":"gpt-test","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

                        data: [DONE]

                        """)));
    }

    @Test
    void aCompletionIsOneTraceFromTheGatewayThroughRetrievalAndRoutingToTheModel() {
        String trace = TraceIds.traceId();
        String gateway = TraceIds.spanId();
        given().auth().oauth2(Tokens.of("alice")).contentType(ContentType.JSON)
                .header("traceparent", TraceIds.traceparent(trace, gateway))
                .body(Map.of("model", "tailor-rag", "messages",
                        List.of(Map.of("role", "user", "content", "How often is the " + CORPUS.marker + " policy reviewed?"))))
                .post("/v1/chat/completions").then().statusCode(200);

        assertSpanTree(trace, gateway);
    }

    @Test
    void aStreamedCompletionIsOneTraceToo() {
        String trace = TraceIds.traceId();
        String gateway = TraceIds.spanId();
        given().auth().oauth2(Tokens.of("alice")).contentType(ContentType.JSON)
                .header("traceparent", TraceIds.traceparent(trace, gateway))
                .body(Map.of("model", "tailor-rag", "stream", true, "messages",
                        List.of(Map.of("role", "user", "content", "How often is the " + CORPUS.marker + " policy reviewed?"))))
                .post("/v1/chat/completions").then().statusCode(200);

        assertSpanTree(trace, gateway);
    }

    private void assertSpanTree(String trace, String gateway) {
        SpanData request = await().atMost(Duration.ofSeconds(10)).until(() -> span(trace, SpanKind.SERVER, null),
                Optional::isPresent).orElseThrow();
        assertThat(request.getParentSpanId()).as("continues the gateway's trace").isEqualTo(gateway);
        assertThat(request.getName()).isEqualTo("POST /v1/chat/completions");

        SpanData retrieve = await().atMost(Duration.ofSeconds(10))
                .until(() -> span(trace, SpanKind.INTERNAL, "retrieve"), Optional::isPresent).orElseThrow();
        SpanData route = span(trace, SpanKind.INTERNAL, "route").orElseThrow();
        String provider = "localhost:" + WireMockChat.server().port() + "/v1/chat/completions";
        SpanData modelCall = await().atMost(Duration.ofSeconds(10))
                .until(() -> spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(trace)
                        && s.getKind() == SpanKind.CLIENT && s.getAttributes().asMap().toString().contains(provider))
                        .findFirst(), Optional::isPresent).orElseThrow();
        assertThat(List.of(retrieve, route, modelCall)).as("children of the request")
                .allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(request.getSpanId()));
        assertThat(route.getStartEpochNanos()).as("routed before retrieving").isLessThan(retrieve.getStartEpochNanos());
        assertThat(retrieve.getEndEpochNanos()).as("the model is called with what was retrieved")
                .isLessThanOrEqualTo(modelCall.getStartEpochNanos());

        List<LoggedRequest> sent = WireMockChat.server().findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(sent).singleElement().satisfies(r -> assertThat(r.getHeader("traceparent"))
                .as("the provider is called inside the trace, by the model call's span")
                .isEqualTo("00-" + trace + "-" + modelCall.getSpanId() + "-01"));
    }

    private Optional<SpanData> span(String trace, SpanKind kind, String name) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(trace) && s.getKind() == kind && (name == null || s.getName().equals(name)))
                .findFirst();
    }
}
