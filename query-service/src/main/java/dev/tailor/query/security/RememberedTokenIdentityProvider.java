package dev.tailor.query.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers a bearer token it {@link VerifiedTokens remembers} with the identity built for it, and leaves every other
 * token to quarkus-oidc's provider, which runs next (a {@code null} identity means "not mine").
 */
@ApplicationScoped
public class RememberedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** The identity attribute quarkus-oidc puts the request on; a remembered identity gets the current one. */
    static final String REQUEST_ATTRIBUTE = RoutingContext.class.getName();

    private final VerifiedTokens tokens;

    RememberedTokenIdentityProvider(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return Uni.createFrom().item(tokens.recall(request.getToken().getToken())
                .map(identity -> (SecurityIdentity) QuarkusSecurityIdentity.builder(identity)
                        .addAttribute(REQUEST_ATTRIBUTE, HttpSecurityUtils.getRoutingContextAttribute(request))
                        .build())
                .orElse(null));
    }

    /** Before quarkus-oidc's provider, which keeps the default priority of application providers. */
    @Override
    public int priority() {
        return SYSTEM_FIRST + 100;
    }
}
