package dev.tailor.query.security;

import dev.tailor.query.config.QueryConfig;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedTokensTest {

    record Settings(Duration rememberFor, long maxTokens) implements QueryConfig.RememberedTokens {
    }

    /** The wall clock (for exp) and Caffeine's ticker, moved together. */
    static final class Time extends Clock {
        Instant now = Instant.parse("2026-12-02T12:00:00Z");
        long nanos = 1_000_000_000L;

        void pass(Duration d) {
            now = now.plus(d);
            nanos += d.toNanos();
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    record Token(Map<String, Object> claims) implements JsonWebToken {
        @Override
        public String getName() {
            return "alice";
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @SuppressWarnings("unchecked")
        @Override
        public <T> T getClaim(String name) {
            return (T) claims.get(name);
        }
    }

    final Time time = new Time();

    VerifiedTokens tokens(Duration rememberFor) {
        return new VerifiedTokens(new Settings(rememberFor, 100), () -> time.nanos, time);
    }

    SecurityIdentity verified(String raw, Duration validFor) {
        long exp = time.now.plus(validFor).getEpochSecond();
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new Token(Map.of("raw_token", raw, "exp", exp))).build();
    }

    @Test
    void aVerifiedTokenIsRecalledByItsExactString() {
        VerifiedTokens tokens = tokens(Duration.ofSeconds(60));
        SecurityIdentity identity = verified("header.payload.signature", Duration.ofMinutes(5));
        tokens.remember(identity);

        assertThat(tokens.recall("header.payload.signature")).containsSame(identity);
        assertThat(tokens.recall("header.payload.signaturE")).isEmpty();
        assertThat(tokens.recall("header.payload.signature ")).isEmpty();
        assertThat(tokens.recall("never.seen.token")).isEmpty();
    }

    @Test
    void noTokenIsRememberedLongerThanRememberFor() {
        VerifiedTokens tokens = tokens(Duration.ofSeconds(60));
        tokens.remember(verified("t", Duration.ofMinutes(5)));

        time.pass(Duration.ofSeconds(59));
        assertThat(tokens.recall("t").isPresent()).isTrue();
        time.pass(Duration.ofSeconds(2));
        assertThat(tokens.recall("t").isPresent()).as("verified again after remember-for").isFalse();
    }

    @Test
    void noTokenIsRememberedPastItsExpiry() {
        VerifiedTokens tokens = tokens(Duration.ofSeconds(60));
        tokens.remember(verified("t", Duration.ofSeconds(10)));

        time.pass(Duration.ofSeconds(9));
        assertThat(tokens.recall("t").isPresent()).isTrue();
        time.pass(Duration.ofSeconds(1));
        assertThat(tokens.recall("t").isPresent()).as("expired at exp").isFalse();
    }

    @Test
    void tokensWithoutAnExpiryAreNotRemembered() {
        VerifiedTokens tokens = tokens(Duration.ofSeconds(60));
        tokens.remember(QuarkusSecurityIdentity.builder().setPrincipal(new Token(Map.of("raw_token", "t"))).build());
        tokens.remember(verified("expired", Duration.ofSeconds(-1)));

        assertThat(tokens.recall("t").isPresent()).isFalse();
        assertThat(tokens.recall("expired").isPresent()).isFalse();
    }

    @Test
    void rememberForZeroVerifiesEveryRequest() {
        VerifiedTokens tokens = tokens(Duration.ZERO);
        tokens.remember(verified("t", Duration.ofMinutes(5)));

        assertThat(tokens.recall("t").isPresent()).isFalse();
    }
}
