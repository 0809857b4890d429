package dev.tailor.query.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What the web console needs to know at run time, as the user's browser reaches it (behind an Ingress these are
 * public addresses, not the cluster's service names). Env {@code TAILOR_CONSOLE_*}.
 */
@ConfigMapping(prefix = "tailor.console")
public interface ConsoleConfig {

    /** The OIDC realm the console signs in with (authorization code + PKCE); by default the one tokens come from. */
    @WithDefault("${quarkus.oidc.auth-server-url}")
    String oidcUrl();

    /** The realm's public client of the console. */
    @WithDefault("tailor-console")
    String clientId();

    /** ingest-service's base URL (documents, dead letters, ingest figures). */
    @WithDefault("http://127.0.0.1:8081")
    String ingestUrl();

    /** finetune-service's base URL (groups, jobs, models, evaluations, advice). */
    @WithDefault("http://127.0.0.1:8082")
    String finetuneUrl();
}
