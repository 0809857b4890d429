package dev.tailor.query.security;

import dev.tailor.contracts.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

import java.util.Set;
import java.util.TreeSet;

/** The roles of the user making the current request; what retrieval and routing decide on. */
@RequestScoped
public class CurrentUser {

    private final SecurityIdentity identity;

    CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Sorted roles, always with {@code public}; never more than the token grants. */
    @SuppressWarnings("unchecked")
    public Set<String> roles() {
        Object roles = identity.getAttribute(TailorRolesAugmentor.ROLES_ATTRIBUTE);
        if (roles instanceof Set<?> set) {
            return (Set<String>) set;
        }
        // Not an OIDC token (cannot happen with bearer-only auth); grant nothing beyond public.
        return new TreeSet<>(Set.of(Roles.PUBLIC));
    }
}
