#!/usr/bin/env python3
"""Identity and Kafka security checks of the rendered Tailor manifests (stdlib only; k8s/validate runs it).

Input: the objects of each rendered overlay as JSON, like check_manifests.py. Production rules apply to every overlay
except the development ones (--dev, default "dev"); --production forces them on an overlay (validate's self-test
checks the dev overlay as if it were production and expects these checks to fail).

  realm     (production) the realm files Keycloak imports -- the ConfigMap mounted at /opt/keycloak/data/import, with
            its ${VAR} / ${VAR:default} placeholders resolved from the Keycloak container's environment, as Keycloak's
            import does: no user with a password (no demo user), sslRequired external or all, no enabled client with
            the password grant or the implicit flow, every confidential client's secret from a Secret, no placeholder
            without a value (Keycloak would import the placeholder's own text, e.g. as a client secret), access tokens
            that live at most 15 minutes, the realm file named <realm>-realm.json (Keycloak's directory import)
  audience  (every overlay) query-service verifies an audience in production, and every enabled client of the realm
            that issues tokens (Keycloak's built-in clients aside) adds that audience with an audience mapper
  kafka     (production) every listener of the Kafka cluster has TLS and client authentication, the authorizer is on,
            the User Operator runs; each Kafka client service has a KafkaUser of its own name whose ACLs name only
            topics of dev/infra/topics.conf, literally, and cover what its channels read, write and join
            (application.properties); the service's protocol is SASL_SSL or SSL, its bootstrap address is a TLS
            listener's port, its credentials and the cluster CA come from Secrets, and its egress policy reaches that
            port
  one place (every overlay) Kafka security settings are kafka.* settings (KAFKA_* variables), never per channel or
            per connector (mp.messaging.*): the plain clients (tailor-runtime KafkaClients) read only kafka.*

Exit status: 0 when every check passed, 1 on any violation, 2 on bad usage.
"""
import argparse
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_manifests import (Report, container_env, env_values, named, pod_spec, read_properties,  # noqa: E402
                             rendered_overlays)

KAFKA_CLIENTS = ("query-service", "ingest-service", "finetune-service")
# Clients every Keycloak realm has; they are not Tailor's and issue no tokens for the API.
KEYCLOAK_BUILTIN = {"account", "account-console", "admin-cli", "broker", "realm-management", "security-admin-console"}
IMPORT_DIR = "/opt/keycloak/data/import"
MAX_ACCESS_TOKEN_SECONDS = 900
SECURITY_KEY = re.compile(r"^(security\.protocol|sasl\.[\w.]+|ssl\.[\w.]+)$")
PLACEHOLDER = re.compile(r"\$\{([^}]*)\}")


# ---------------------------------------------------------------------------------------------- environment

def first_container(objs, kind, name, container=None):
    obj = named(objs, kind, name)
    if obj is None:
        return None, None
    cs = pod_spec(obj).get("containers") or []
    c = next((c for c in cs if container is None or c.get("name") == container), cs[0] if cs else None)
    return obj, c


def resolve(text, env):
    """Keycloak's import placeholders: ${A} or ${A:default}. Returns the text, the unresolved names and the
    names whose value comes from a Secret (replaced by a marker, their value is not in the manifests)."""
    unresolved, secret = [], []

    def sub(m):
        name, _, default = m.group(1).partition(":")
        name = name.strip()
        if name in env:
            value, from_secret = env[name]
            if from_secret:
                secret.append(name)
                return f"<secret {name}>"
            return value if value is not None else ""
        if m.group(1).find(":") >= 0:
            return default
        unresolved.append(name)
        return m.group(0)

    return PLACEHOLDER.sub(sub, text), unresolved, secret


def truthy(value, default):
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() == "true"


# ---------------------------------------------------------------------------------------------- realm

def realm_files(rep, objs, overlay):
    """[(key, parsed json, raw resolved text, secret placeholders)] of the import directory, and the env."""
    kc, c = first_container(objs, "Deployment", "keycloak", "keycloak")
    if kc is None:
        rep.note(f"[{overlay}] no Keycloak Deployment (another OIDC provider): realm not checked")
        return None, None
    mount = next((m for m in c.get("volumeMounts") or [] if m.get("mountPath") == IMPORT_DIR), None)
    volume = next((v for v in pod_spec(kc).get("volumes") or [] if mount and v.get("name") == mount.get("name")), None)
    cm = named(objs, "ConfigMap", ((volume or {}).get("configMap") or {}).get("name"))
    if not rep.check(cm is not None, f"[{overlay}] keycloak: realm ConfigMap mounted at {IMPORT_DIR}"):
        return None, None
    env = env_values(c, objs)
    files = []
    for key, text in sorted((cm.get("data") or {}).items()):
        resolved, unresolved, secret = resolve(text, env)
        try:
            files.append((key, json.loads(resolved), unresolved, secret))
        except ValueError as e:
            rep.check(False, f"[{overlay}] keycloak: {key} is JSON after its placeholders are resolved", str(e))
    return files, env


def check_realm(rep, objs, overlay, production):
    files, _ = realm_files(rep, objs, overlay)
    if files is None:
        return None
    realms = [(k, d) for k, d, _, _ in files if k.endswith("-realm.json")]
    if not rep.check(len(realms) == 1, f"[{overlay}] keycloak: one realm file <realm>-realm.json in the import",
                     f"found {[k for k, _ in realms]}"):
        return None
    key, realm = realms[0]
    name = realm.get("realm")
    rep.check(key == f"{name}-realm.json", f"[{overlay}] keycloak: realm file named {name}-realm.json",
              f"named {key}: Keycloak's directory import only reads <realm>-realm.json")
    users = [(key, u) for u in realm.get("users") or []]
    for k, d, _, _ in files:
        if re.match(rf"^{re.escape(name)}-users-\d+\.json$", k):
            users += [(k, u) for u in d.get("users") or []]
        elif not k.endswith("-realm.json"):
            rep.check(False, f"[{overlay}] keycloak: {k} is a realm or users file of realm {name}",
                      "Keycloak would import it as a realm of its own")
    if not production:
        return realm
    w = f"[{overlay}] realm {name}"
    for k, _, unresolved, _ in files:
        rep.check(not unresolved, f"{w}: every placeholder of {k} has a value",
                  f"{', '.join(sorted(set(unresolved)))} not set on the Keycloak container and without default: "
                  "Keycloak imports the placeholder's text itself")
    for where, u in users:
        passwords = [c for c in u.get("credentials") or [] if c.get("type") == "password"]
        rep.check(not passwords, f"{w}: no demo user: {u.get('username')} ({where}) has no password",
                  f"user {u.get('username')} has a password: demo users belong to the dev overlay only")
    rep.check(realm.get("sslRequired") in ("external", "all"), f"{w}: sslRequired external or all",
              f"is {realm.get('sslRequired')!r}")
    lifespan = realm.get("accessTokenLifespan")
    rep.check(isinstance(lifespan, int) and 0 < lifespan <= MAX_ACCESS_TOKEN_SECONDS,
              f"{w}: accessTokenLifespan set, at most {MAX_ACCESS_TOKEN_SECONDS} s", f"is {lifespan}")
    for c in realm.get("clients") or []:
        cid = c.get("clientId")
        if not truthy(c.get("enabled"), True):
            continue
        rep.check(not truthy(c.get("directAccessGrantsEnabled"), False), f"{w}: client {cid} has no password grant",
                  "directAccessGrantsEnabled: the password grant is for the dev overlay only")
        rep.check(not truthy(c.get("implicitFlowEnabled"), False), f"{w}: client {cid} has no implicit flow")
        if not truthy(c.get("publicClient"), False) and not truthy(c.get("bearerOnly"), False) \
                and cid not in KEYCLOAK_BUILTIN:
            secret = str(c.get("secret") or "")
            rep.check(re.fullmatch(r"<secret [A-Z0-9_]+>", secret) is not None,
                      f"{w}: confidential client {cid}: its secret comes from a Secret",
                      "set \"secret\": \"${VAR}\" and VAR on the Keycloak container from a secretKeyRef")
            lifespan = (c.get("attributes") or {}).get("access.token.lifespan")
            if lifespan not in (None, ""):
                rep.check(0 < int(lifespan) <= MAX_ACCESS_TOKEN_SECONDS,
                          f"{w}: client {cid}: access.token.lifespan at most {MAX_ACCESS_TOKEN_SECONDS} s")
    roles = {r.get("name") for r in (realm.get("roles") or {}).get("realm") or []}
    for where, u in users:
        if u.get("serviceAccountClientId"):
            missing = set(u.get("realmRoles") or []) - roles
            rep.check(not missing, f"{w}: service account of {u['serviceAccountClientId']} holds realm roles",
                      f"unknown roles {sorted(missing)}")
    return realm


def required_audience(rep, objs, overlay, repo, production):
    """The audience query-service verifies in this overlay (quarkus.oidc.token.audience), or None."""
    props = os.path.join(repo, "query-service/src/main/resources/application.properties")
    value = None
    for key, v in read_properties(props):
        if key == "quarkus.oidc.token.audience":
            value = v
    _, c = first_container(objs, "Deployment", "query-service", "query-service")
    env = env_values(c, objs) if c else {}
    if "QUARKUS_OIDC_TOKEN_AUDIENCE" in env:
        value = env["QUARKUS_OIDC_TOKEN_AUDIENCE"][0]
    if value is not None:
        value, _, _ = resolve(value, env)
    if production:
        rep.check(bool(value), f"[{overlay}] query-service verifies the audience of tokens",
                  "quarkus.oidc.token.audience is not set: any token of the realm would be accepted")
    return value or None


def check_audience(rep, realm, overlay, audience):
    for c in realm.get("clients") or []:
        cid = c.get("clientId")
        if cid in KEYCLOAK_BUILTIN or not truthy(c.get("enabled"), True) or truthy(c.get("bearerOnly"), False):
            continue
        mapped = {m.get("config", {}).get("included.custom.audience") or m.get("config", {}).get("included.client.audience")
                  for m in c.get("protocolMappers") or [] if m.get("protocolMapper") == "oidc-audience-mapper"
                  and truthy(m.get("config", {}).get("access.token.claim"), True)}
        rep.check(audience in mapped, f"[{overlay}] realm client {cid} puts audience {audience} in its access tokens",
                  "add the oidc-audience-mapper of the other clients: query-service refuses its tokens otherwise")


# ---------------------------------------------------------------------------------------------- Kafka

def topics_conf(repo):
    names = []
    with open(os.path.join(repo, "dev/infra/topics.conf"), encoding="utf-8") as f:
        for line in f:
            parts = line.split("#", 1)[0].split()
            if parts:
                names.append(parts[0])
    return names


def channel_needs(repo, service):
    """What the service's Kafka channels do: {("topic", name): {"Read"|"Write"}, ("group", name): {"Read"}},
    and any security setting given per channel or connector (it would not reach the plain clients)."""
    props = os.path.join(repo, service, "src/main/resources/application.properties")
    channels, misplaced = {}, []
    for key, value in read_properties(props):
        if key.startswith("%"):
            continue
        m = re.match(r'^mp\.messaging\.(incoming|outgoing)\.("[^"]+"|[^.]+)\.(.+)$', key)
        if m:
            direction, channel, attr = m.group(1), m.group(2).strip('"'), m.group(3)
            channels.setdefault((direction, channel), {})[attr] = value
            if SECURITY_KEY.match(attr):
                misplaced.append(key)
        m = re.match(r"^mp\.messaging\.connector\.smallrye-kafka\.(.+)$", key)
        if m and SECURITY_KEY.match(m.group(1)):
            misplaced.append(key)
    needs = {}
    for (direction, channel), attrs in channels.items():
        if attrs.get("connector") != "smallrye-kafka":
            continue
        topic = attrs.get("topic", channel)
        needs.setdefault(("topic", topic), set()).add("Read" if direction == "incoming" else "Write")
        if direction == "incoming":
            group, _, _ = resolve(attrs.get("group.id", "${quarkus.application.name}"), {})
            if "${" not in group:
                needs.setdefault(("group", group), set()).add("Read")
    return needs, misplaced


def bootstrap_ports(value):
    return {int(p.rsplit(":", 1)[1]) for p in (value or "").split(",") if ":" in p}


def check_kafka(rep, objs, overlay, repo, production):
    w = f"[{overlay}]"
    for service in KAFKA_CLIENTS:
        needs, misplaced = channel_needs(repo, service)
        rep.check(not misplaced, f"{w} {service}: Kafka security settings only as kafka.* (one place for all clients)",
                  f"{', '.join(misplaced)}: the plain Kafka clients would not get these")
        _, c = first_container(objs, "Deployment", service, service)
        if c is not None:
            bad = [n for n in env_values(c, objs) if n.startswith("MP_MESSAGING_")
                   and re.search(r"_(SECURITY_PROTOCOL|SASL_\w+|SSL_\w+)$", n)]
            rep.check(not bad, f"{w} {service}: no Kafka security variable per channel or connector",
                      f"{', '.join(bad)}: set KAFKA_* instead, which every client reads")
    if not production:
        return
    kafkas = [o for o in objs if o.get("kind") == "Kafka"]
    tls_ports = set()
    for k in kafkas:
        spec = (k.get("spec") or {}).get("kafka") or {}
        for listener in spec.get("listeners") or []:
            ok = listener.get("tls") is True and bool((listener.get("authentication") or {}).get("type"))
            rep.check(ok, f"{w} kafka/{k['metadata']['name']} listener {listener.get('name')}: TLS and authentication",
                      "a listener without TLS or without client authentication")
            if ok:
                tls_ports.add(listener.get("port"))
        rep.check(bool((spec.get("authorization") or {}).get("type")), f"{w} kafka/{k['metadata']['name']}: authorization on",
                  "without an authorizer the KafkaUsers' ACLs are not enforced")
        rep.check("userOperator" in ((k.get("spec") or {}).get("entityOperator") or {}),
                  f"{w} kafka/{k['metadata']['name']}: the User Operator runs (KafkaUsers become credentials and ACLs)")
    known = set(topics_conf(repo))
    users = {o["metadata"]["name"]: o for o in objs if o.get("kind") == "KafkaUser"}
    for name, u in users.items():
        for acl in ((u.get("spec") or {}).get("authorization") or {}).get("acls") or []:
            res = acl.get("resource") or {}
            if res.get("type") == "topic":
                rep.check(res.get("name") in known and res.get("patternType", "literal") == "literal",
                          f"{w} kafkauser/{name}: ACL on topic {res.get('name')} of dev/infra/topics.conf, literal",
                          f"patternType {res.get('patternType', 'literal')}")
    for service in KAFKA_CLIENTS:
        _, c = first_container(objs, "Deployment", service, service)
        if c is None:
            continue
        env = env_values(c, objs)
        protocol = (env.get("KAFKA_SECURITY_PROTOCOL") or (None, False))[0]
        rep.check(protocol in ("SASL_SSL", "SSL"), f"{w} {service}: KAFKA_SECURITY_PROTOCOL SASL_SSL or SSL",
                  f"is {protocol!r}: Kafka traffic and credentials in clear text")
        if not kafkas:
            continue
        ports = bootstrap_ports((env.get("KAFKA_BOOTSTRAP_SERVERS") or (None, False))[0])
        rep.check(bool(ports) and ports <= tls_ports, f"{w} {service}: bootstrap address on a TLS listener port",
                  f"ports {sorted(ports)}, TLS listeners {sorted(tls_ports)}")
        for var in ("KAFKA_SSL_TRUSTSTORE_CERTIFICATES", "KAFKA_SASL_JAAS_CONFIG"):
            rep.check((env.get(var) or (None, False))[1], f"{w} {service}: {var} from a Secret")
        cont_env, _ = container_env(None, c, objs)
        jaas = (cont_env.get("KAFKA_SASL_JAAS_CONFIG") or ("", False))[0]
        rep.check(jaas.startswith(f"Secret {service}/"), f"{w} {service}: its own KafkaUser's credentials",
                  f"KAFKA_SASL_JAAS_CONFIG from {jaas or 'nowhere'}")
        user = users.get(service)
        if not rep.check(user is not None, f"{w} {service}: KafkaUser {service}"):
            continue
        granted = {}
        for acl in ((user.get("spec") or {}).get("authorization") or {}).get("acls") or []:
            res = acl.get("resource") or {}
            if acl.get("type", "allow") == "allow":
                granted.setdefault((res.get("type"), res.get("name")), set()).update(acl.get("operations") or [])
        needs, _ = channel_needs(repo, service)
        for (kind, res), ops in sorted(needs.items()):
            got = granted.get((kind, res), set())
            rep.check(ops <= got or "All" in got, f"{w} kafkauser/{service}: {'/'.join(sorted(ops))} on {kind} {res} "
                      f"(its channels)", f"grants {sorted(got) or 'nothing'}")
    egress = named(objs, "NetworkPolicy", "services-egress")
    if kafkas and egress:
        allowed = {p.get("port") for rule in (egress.get("spec") or {}).get("egress") or []
                   if any("strimzi.io/cluster" in ((peer.get("podSelector") or {}).get("matchLabels") or {})
                          for peer in rule.get("to") or [])
                   for p in rule.get("ports") or []}
        rep.check(tls_ports <= allowed, f"{w} networkpolicy/services-egress: reaches the Kafka TLS port(s)",
                  f"allows {sorted(allowed)}, TLS listeners {sorted(tls_ports)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repo", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    ap.add_argument("--overlay", action="append", required=True, metavar="NAME=FILE.json")
    ap.add_argument("--dev", action="append", default=None, metavar="NAME",
                    help="an overlay for development (no production rules); default: dev")
    ap.add_argument("--production", action="append", default=[], metavar="NAME",
                    help="apply the production rules to this overlay whatever its name")
    ap.add_argument("--counts-file", help="write 'PASSED FAILED' here")
    args = ap.parse_args()
    repo = os.path.abspath(args.repo)
    dev = set(args.dev if args.dev is not None else ["dev"])
    rep = Report()
    for name, objs in rendered_overlays(args.overlay):
        production = name in args.production or name not in dev
        before = rep.failed
        realm = check_realm(rep, objs, name, production)
        audience = required_audience(rep, objs, name, repo, production)
        if realm is not None and audience:
            check_audience(rep, realm, name, audience)
        check_kafka(rep, objs, name, repo, production)
        print(f"  {name} ({'production' if production else 'development'} rules): "
              f"{'all identity and Kafka security checks passed' if rep.failed == before else 'violations above'}")
    return rep.finish("identity and Kafka security checks", args.counts_file)


if __name__ == "__main__":
    sys.exit(main())
