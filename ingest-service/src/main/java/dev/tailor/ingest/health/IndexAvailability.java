package dev.tailor.ingest.health;

import jakarta.enterprise.context.ApplicationScoped;

/** Whether changes currently fail to reach the index (Weaviate unreachable or overloaded). */
@ApplicationScoped
public class IndexAvailability extends Availability {
}
