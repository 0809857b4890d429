package dev.tailor.ingest.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
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
            recordSpans.add(tracer.spanBuilder(record.topic() + " process")
                    .setSpanKind(SpanKind.CONSUMER)
                    .setParent(ProducerContext.of(record))
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.operation.type", "process")
                    .setAttribute("messaging.destination.name", record.topic())
                    .setAttribute("messaging.destination.partition.id", Integer.toString(record.partition()))
                    .setAttribute("messaging.kafka.offset", record.offset())
                    .setAttribute("messaging.kafka.message.key", String.valueOf(record.key()))
                    .startSpan());
        }
        SpanBuilder pollBuilder = tracer.spanBuilder("ingest poll")
                .setParent(Context.root().with(recordSpans.get(0)))
                .setAttribute("messaging.batch.message_count", (long) recordSpans.size());
        for (Span other : recordSpans.subList(1, recordSpans.size())) {
            pollBuilder.addLink(other.getSpanContext());
        }
        Span poll = pollBuilder.startSpan();
        try (Scope ignored = poll.makeCurrent()) {
            return invocation.proceed();
        } catch (Exception | Error e) {
            poll.recordException(e);
            poll.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            poll.end();
            recordSpans.forEach(Span::end);
        }
    }
}
