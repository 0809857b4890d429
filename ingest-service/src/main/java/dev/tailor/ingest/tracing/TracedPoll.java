package dev.tailor.ingest.tracing;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a method that takes a poll of {@code docs.changes} ({@code ConsumerRecords}): each record continues its
 * producer's trace, and the work on the poll (chunking, embedding, Weaviate writes, docs.indexed) is traced under it.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface TracedPoll {
}
