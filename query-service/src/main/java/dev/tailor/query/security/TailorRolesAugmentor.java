package dev.tailor.query.security;

import dev.tailor.query.config.QueryConfig;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/**
 * Puts the roles read by {@link RolesExtractor} on the security identity, as roles and as the attribute
 * {@link #ROLES_ATTRIBUTE} that retrieval filters on. The attribute is what counts: it holds exactly the roles
 * of the configured claim path plus {@code public}, whatever else the OIDC extension maps.
 */
@ApplicationScoped
public class TailorRolesAugmentor implements SecurityIdentityAugmentor {

    public static final String ROLES_ATTRIBUTE = "tailor.roles";

    private final RolesExtractor extractor;

    TailorRolesAugmentor(QueryConfig config) {
        this.extractor = new RolesExtractor(config.security().rolesClaimPath());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)
                || identity.getAttribute(ROLES_ATTRIBUTE) != null) { // a remembered identity has its roles already
            return Uni.createFrom().item(identity);
        }
        Set<String> roles = extractor.roles(token::getClaim);
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addRoles(roles)
                .addAttribute(ROLES_ATTRIBUTE, roles)
                .build());
    }
}
