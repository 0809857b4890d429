package dev.tailor.ingest.tracing;

import dev.tailor.runtime.tracing.KafkaTracing;
import dev.tailor.runtime.tracing.Spans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import java.util.ArrayList;
import java.util.List;

/**
 * One span per record, child of the producer's span ({@code docs.changes process}), and one span for the poll's work
 * ({@code ingest poll}). A poll applies the changes of several documents together (one embedding call, batched
 * writes), so its span is the child of the first record's span and links the others, as OpenTelemetry's messaging
 * conventions do for batches: a document published alone gets one unbroken trace from its producer to docs.indexed.
 */
@TracedPoll
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
class PollTracingInterceptor {

    private final Tracer tracer;

    PollTracingInterceptor(Tracer tracer) {
        this.tracer = tracer;
    }

    @AroundInvoke
    Object trace(InvocationContext invocation) throws Exception {
        if (invocation.getParameters().length == 0
                || !(invocation.getParameters()[0] instanceof ConsumerRecords<?, ?> records) || records.isEmpty()) {
            return invocation.proceed();
        }
        List<Span> recordSpans = new ArrayList<>(records.count());
        for (ConsumerRecord<?, ?> r : records) {
            @SuppressWarnings("unchecked")
            ConsumerRecord<String, byte[]> record = (ConsumerRecord<String, byte[]>) r;
            recordSpans.add(KafkaTracing.processSpan(tracer, record, ProducerContext.of(record)).startSpan());
        }
        SpanBuilder poll = tracer.spanBuilder("ingest poll")
                .setParent(Context.root().with(recordSpans.get(0)))
                .setAttribute("messaging.batch.message_count", (long) recordSpans.size());
        for (Span other : recordSpans.subList(1, recordSpans.size())) {
            poll.addLink(other.getSpanContext());
        }
        try {
            return Spans.call(poll, invocation::proceed);
        } finally {
            recordSpans.forEach(Span::end);
        }
    }
}
