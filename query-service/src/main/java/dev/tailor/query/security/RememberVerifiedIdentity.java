package dev.tailor.query.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Hands the finished identity of a newly verified token to {@link VerifiedTokens}: it runs after every other
 * augmentor, so what is remembered is what the request got. The request it came with is not kept.
 */
@ApplicationScoped
public class RememberVerifiedIdentity implements SecurityIdentityAugmentor {

    private final VerifiedTokens tokens;

    RememberVerifiedIdentity(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getRawToken() != null
                && !tokens.remembers(token.getRawToken())) {
            tokens.remember(QuarkusSecurityIdentity.builder(identity)
                    .addAttribute(RememberedTokenIdentityProvider.REQUEST_ATTRIBUTE, null).build());
        }
        return Uni.createFrom().item(identity);
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }
}
