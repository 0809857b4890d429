#!/usr/bin/env python3
"""Policy and configuration-drift checks of the rendered Tailor manifests (stdlib only).

Input: the objects of each rendered overlay as JSON (a list of objects; k8s/validate renders with kustomize and
converts). Checks, per overlay:

  policy  every container of every workload: readiness and liveness probes, cpu/memory requests and limits,
          runAsNonRoot, readOnlyRootFilesystem, no privilege escalation, capabilities drop ALL, seccomp
          RuntimeDefault, image pinned to a tag other than "latest" (or a digest); pods do not mount a service
          account token. A workload may be exempted from one rule with the annotation
          tailor.dev/policy-exempt.<rule>: <reason>; exemptions are listed in the report.
  tailor  query-service has a PodDisruptionBudget and an HPA; finetune-service and model-service are one replica
          with strategy Recreate; the services use the health endpoints and a startup probe; a default-deny NetworkPolicy
          exists; KafkaTopics match dev/infra/topics.conf; Weaviate requires an API key and every service gets
          one from a Secret; secret-looking variables come from Secrets.
  drift   every environment variable set on a service container is a configuration key the service reads,
          and every key the service requires is set. Keys are discovered from
          <service>/src/main/resources/application.properties (keys and ${VAR[:default]} references),
          @ConfigMapping interfaces (method -> kebab-case key, nested interfaces -> dotted, @WithDefault or
          Optional -> optional, ${VAR} in a @WithDefault), @ConfigProperty names and System.getenv("...") in
          <service>/src/main/java, and the same in the project modules the service depends on (non-test scope),
          with their META-INF/microprofile-config.properties.
          Key -> variable follows MicroProfile Config: upper case, every non-alphanumeric character -> "_".
          QUARKUS_*, KAFKA_* and MP_MESSAGING_* are accepted as keys of Quarkus and its Kafka/messaging
          extensions; a few variables read by the JVM or the base image's run-java.sh are listed below.

Exit status: 0 when every check passed, 1 on any violation, 2 on bad usage.
"""
import argparse
import json
import os
import re
import sys

SERVICES = ("query-service", "ingest-service", "finetune-service", "model-service")
# The services that read the index (model-service does not).
WEAVIATE_CLIENTS = ("query-service", "ingest-service", "finetune-service")
WORKLOAD_KINDS = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"}
ACCEPTED_PREFIXES = ("QUARKUS_", "KAFKA_", "MP_MESSAGING_")
# Read by the JVM or by run-java.sh of the UBI OpenJDK runtime image Jib builds on, not by Quarkus config.
RUNTIME_VARS = {
    "JAVA_OPTS": "run-java.sh", "JAVA_OPTS_APPEND": "run-java.sh", "JAVA_MAX_MEM_RATIO": "run-java.sh",
    "JAVA_INITIAL_MEM_RATIO": "run-java.sh", "JAVA_MAX_INITIAL_MEM": "run-java.sh", "JAVA_DEBUG": "run-java.sh",
    "JAVA_TOOL_OPTIONS": "the JVM", "TZ": "the C library / JVM time zone",
}
SECRET_NAME = re.compile(r"(^|_)(API_KEY|APIKEY|SECRET|PASSWORD|TOKEN|CREDENTIALS?)(_|$)")
EXEMPT_PREFIX = "tailor.dev/policy-exempt."


def env_name(key):
    """MicroProfile Config: the environment variable for a property key."""
    return re.sub(r"[^A-Za-z0-9]", "_", key).upper()


# ---------------------------------------------------------------------------------------------- service config

class ServiceConfig:
    def __init__(self, name):
        self.name = name
        self.keys = {}          # property key -> where it was found
        self.env_refs = {}      # env var name read directly (${VAR...} / System.getenv) -> where
        self.required = []      # (description, [acceptable env var names]) -- at least one must be set
        self.defined = set()    # keys given a value in application.properties (so not required)
        self.problems = []      # parse problems (reported as violations: the checker must understand the code)

    def readable_env(self):
        names = {env_name(k): w for k, w in self.keys.items()}
        names.update(self.env_refs)
        return names


def split_refs(value):
    """Yield (name, has_default) for every ${name[:default]} in value, nested ones included."""
    i = 0
    while True:
        start = value.find("${", i)
        if start < 0:
            return
        depth, j = 0, start
        while j < len(value):
            if value.startswith("${", j):
                depth += 1
                j += 2
                continue
            if value[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        inner = value[start + 2:j]
        # the name ends at the first ':' outside a nested expression
        name, default, k, d = inner, None, 0, 0
        while k < len(inner):
            if inner.startswith("${", k):
                d += 1
                k += 2
                continue
            if inner[k] == "}":
                d -= 1
            elif inner[k] == ":" and d == 0:
                name, default = inner[:k], inner[k + 1:]
                break
            k += 1
        yield name.strip(), default is not None
        if default:
            yield from split_refs(default)
        i = j + 1


def read_properties(path):
    """Minimal java.util.Properties reader: key=value / key: value / key value, continuation lines, comments."""
    entries = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].lstrip()
        i += 1
        if not line or line[0] in "#!":
            continue
        while line.endswith("\\") and not line.endswith("\\\\") and i < len(lines):
            line = line[:-1] + lines[i].lstrip()
            i += 1
        m = re.match(r"((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*(.*)$", line)
        if m:
            entries.append((m.group(1).replace("\\", ""), m.group(2)))
        else:
            entries.append((line.strip(), ""))
    return entries


ENV_STYLE = re.compile(r"^[A-Z_][A-Z0-9_]*$")


def scan_properties(cfg, path):
    rel = os.path.relpath(path)
    for key, value in read_properties(path):
        profile = None
        if key.startswith("%"):
            profile, _, key = key[1:].partition(".")
        if profile and profile != "prod":
            continue  # %dev / %test / custom profiles do not apply in the cluster
        key = key.strip('"')
        cfg.keys[key] = rel
        refs = list(split_refs(value))
        required_refs = []
        for name, has_default in refs:
            if ENV_STYLE.match(name):
                cfg.env_refs[name] = f"{rel} ({key})"
                if not has_default:
                    required_refs.append(name)
            else:
                cfg.keys.setdefault(name, f"{rel} (referenced by {key})")
        if required_refs:
            for name in required_refs:
                cfg.required.append((f"{key} = ${{{name}}} (no default) in {rel}", [name, env_name(key)]))
        cfg.defined.add(key)


COMMENT_OR_STRING = re.compile(r'"""[\s\S]*?"""|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|/\*[\s\S]*?\*/|//[^\n]*')


def strip_comments(src):
    """Drops comments; string and char literals (which may contain // or /*) are kept as they are."""
    return COMMENT_OR_STRING.sub(lambda m: " " if m.group(0).startswith("/") else m.group(0), src)


def find_block(src, open_index):
    """Index just past the '}' matching the '{' at open_index."""
    depth = 0
    for i in range(open_index, len(src)):
        if src[i] == "{":
            depth += 1
        elif src[i] == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(src)


INTERFACE = re.compile(r"\binterface\s+(\w+)[^{]*\{")
METHOD = re.compile(
    r"((?:@[\w.]+(?:\s*\((?:[^()]|\([^()]*\))*\))?\s*)*)"      # annotations
    r"(?:default\s+)?([\w.<>\[\],?\s]+?)\s+(\w+)\s*\(\s*\)\s*(?:throws[^;{]*)?;")


def parse_interfaces(src):
    """name -> body text (direct members only: nested interface bodies are cut out)."""
    result = {}
    for m in INTERFACE.finditer(src):
        start = m.end() - 1
        end = find_block(src, start)
        body = src[start + 1:end - 1]
        direct, i = [], 0
        for n in INTERFACE.finditer(body):
            if n.start() < i:
                continue
            direct.append(body[i:n.start()])
            i = find_block(body, n.end() - 1)
        direct.append(body[i:])
        result[m.group(1)] = "".join(direct)
    return result


def kebab(name):
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\1", name).lower()


OPTIONAL_TYPES = re.compile(r"^(java\.util\.)?(Optional|OptionalInt|OptionalLong|OptionalDouble)\b")
LEAF_COLLECTION = re.compile(r"^(java\.util\.)?(Map|List|Set|Collection)\b")


def walk_mapping(cfg, interfaces, iface, prefix, optional, naming, where, seen):
    body = interfaces.get(iface)
    if body is None or iface in seen:
        return
    seen = seen | {iface}
    for m in METHOD.finditer(body):
        annotations, rtype, method = m.group(1) or "", re.sub(r"\s+", "", m.group(2)), m.group(3)
        rtype = rtype.replace("public", "").replace("abstract", "")
        if method in ("toString", "hashCode"):
            continue
        name_m = re.search(r"@WithName\s*\(\s*\"([^\"]*)\"", annotations)
        segment = name_m.group(1) if name_m else (method if naming == "VERBATIM" else
                                                  re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", method).lower()
                                                  if naming == "SNAKE_CASE" else kebab(method))
        parent = "@WithParentName" in annotations
        key = prefix if parent else (f"{prefix}.{segment}" if prefix else segment)
        has_default = "@WithDefault" in annotations
        default_m = re.search(r'@WithDefault\s*\(\s*"((?:\\.|[^"\\])*)"', annotations)
        if default_m:  # a default may read a public variable: @WithDefault("${WEAVIATE_URL:...}")
            for ref, _ in split_refs(default_m.group(1)):
                if ENV_STYLE.match(ref):
                    cfg.env_refs[ref] = f"{where} (default of {key})"
        is_optional = bool(OPTIONAL_TYPES.match(rtype))
        inner = re.match(r"^(?:java\.util\.)?Optional<(.+)>$", rtype)
        target = (inner.group(1) if inner else rtype).split(".")[-1]
        if target in interfaces:  # a group: recurse
            walk_mapping(cfg, interfaces, target, key, optional or is_optional, naming, where, seen)
            continue
        cfg.keys[key] = where
        if not (optional or is_optional or has_default or LEAF_COLLECTION.match(rtype)):
            cfg.required.append((f"{key} (@ConfigMapping {iface}.{method}() without default, {where})",
                                 [env_name(key)]))


def scan_java(cfg, root):
    files = []
    for dirpath, _, names in os.walk(root):
        files += [os.path.join(dirpath, n) for n in names if n.endswith(".java")]
    sources = {}
    for path in sorted(files):
        with open(path, encoding="utf-8", errors="replace") as f:
            sources[path] = strip_comments(f.read())
    all_interfaces = {}
    for src in sources.values():
        all_interfaces.update(parse_interfaces(src))
    for path, src in sources.items():
        rel = os.path.relpath(path)
        for m in re.finditer(r"@ConfigProperty\s*\(([^)]*)\)", src):
            args = m.group(1)
            name = re.search(r"name\s*=\s*\"([^\"]+)\"", args)
            if name:
                cfg.keys.setdefault(name.group(1), rel)
        for m in re.finditer(r"System\.getenv\s*\(\s*\"([^\"]+)\"", src):
            cfg.env_refs[m.group(1)] = rel
        for m in re.finditer(r"@ConfigMapping\s*\(([^)]*)\)", src):
            prefix_m = re.search(r"prefix\s*=\s*\"([^\"]*)\"", m.group(1))
            naming_m = re.search(r"namingStrategy\s*=\s*(?:[\w.]*\.)?(\w+)", m.group(1))
            im = INTERFACE.search(src, m.end())
            if not prefix_m or not im:
                cfg.problems.append(f"{rel}: @ConfigMapping without a prefix or an interface the checker can read")
                continue
            local = dict(all_interfaces)
            local.update(parse_interfaces(src))
            walk_mapping(cfg, local, im.group(1), prefix_m.group(1), False,
                         naming_m.group(1) if naming_m else "KEBAB_CASE", rel, frozenset())


POM_NS = {"m": "http://maven.apache.org/POM/4.0.0"}


def sibling_modules(repo, module):
    """The project's own modules that `module` uses at run time (non-test tailor dependencies), transitively."""
    import xml.etree.ElementTree as ET
    by_artifact = {}
    for m in ET.parse(os.path.join(repo, "pom.xml")).getroot().findall("m:modules/m:module", POM_NS):
        pom = os.path.join(repo, m.text.strip(), "pom.xml")
        if os.path.exists(pom):
            by_artifact[ET.parse(pom).getroot().findtext("m:artifactId", namespaces=POM_NS)] = m.text.strip()
    found, todo = [], [module]
    while todo:
        current = todo.pop()
        pom = os.path.join(repo, current, "pom.xml")
        if not os.path.exists(pom):
            continue
        for dep in ET.parse(pom).getroot().findall("m:dependencies/m:dependency", POM_NS):
            sibling = by_artifact.get(dep.findtext("m:artifactId", namespaces=POM_NS))
            if sibling and dep.findtext("m:scope", "compile", POM_NS) in ("compile", "runtime") \
                    and sibling not in found and sibling != module:
                found.append(sibling)
                todo.append(sibling)
    return found


def discover(repo, service):
    cfg = ServiceConfig(service)
    props = os.path.join(repo, service, "src/main/resources/application.properties")
    if os.path.exists(props):
        scan_properties(cfg, props)
    else:
        cfg.problems.append(f"{os.path.relpath(props)} not found")
    # The service's own code, then the project modules it runs with (their @ConfigMappings and their
    # META-INF/microprofile-config.properties are read by the service too).
    for module in [service] + sibling_modules(repo, service):
        if module != service:
            shared = os.path.join(repo, module, "src/main/resources/META-INF/microprofile-config.properties")
            if os.path.exists(shared):
                scan_properties(cfg, shared)
        java = os.path.join(repo, module, "src/main/java")
        if os.path.isdir(java):
            scan_java(cfg, java)
    # A required mapping key given a value in application.properties is not required from the environment
    # (if that value is ${VAR} without default, VAR was recorded as required when the file was read).
    cfg.required = [(d, names) for d, names in cfg.required
                    if not (d.startswith(tuple(k + " (@ConfigMapping" for k in cfg.defined)))]
    return cfg


# ---------------------------------------------------------------------------------------------- the report

class Report:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.notes = []

    def check(self, ok, what, why=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"  FAIL {what}" + (f": {why}" if why else ""))
        return ok

    def note(self, text):
        self.notes.append(text)

    def finish(self, what, counts_file=None):
        """Prints the notes and the totals of the checks of `what`; writes 'PASSED FAILED' to counts_file (for
        k8s/validate). Returns the exit status: 1 on any violation."""
        for n in self.notes:
            print(f"  note: {n}")
        print(f"{what}: {self.passed} ok, {self.failed} violations")
        if counts_file:
            with open(counts_file, "w") as f:
                f.write(f"{self.passed} {self.failed}\n")
        return 1 if self.failed else 0


def rendered_overlays(specs):
    """(name, objects) of each NAME=FILE.json argument: an overlay's rendered objects."""
    for spec in specs:
        name, _, path = spec.partition("=")
        with open(path, encoding="utf-8") as f:
            yield name, [o for o in json.load(f) if isinstance(o, dict)]


def pod_spec(obj):
    kind, spec = obj.get("kind"), obj.get("spec") or {}
    if kind == "Pod":
        return spec
    if kind == "CronJob":
        return (((spec.get("jobTemplate") or {}).get("spec") or {}).get("template") or {}).get("spec") or {}
    return ((spec.get("template") or {}).get("spec")) or {}


def ident(obj):
    return f"{obj.get('kind', '?').lower()}/{(obj.get('metadata') or {}).get('name', '?')}"


def image_pinned(image):
    if "@sha256:" in image:
        return True, ""
    last = image.rsplit("/", 1)[-1]
    if ":" not in last:
        return False, f"image {image} has no tag"
    tag = last.rsplit(":", 1)[1]
    if tag == "latest":
        return False, f"image {image} uses the tag latest"
    return True, ""


def check_policies(rep, objs, overlay):
    for obj in objs:
        if obj.get("kind") not in WORKLOAD_KINDS:
            continue
        meta = obj.get("metadata") or {}
        exempt = {k[len(EXEMPT_PREFIX):]: v for k, v in (meta.get("annotations") or {}).items()
                  if k.startswith(EXEMPT_PREFIX) and str(v).strip()}
        for rule, reason in exempt.items():
            rep.note(f"[{overlay}] {ident(obj)} exempt from {rule}: {' '.join(str(reason).split())}")
        spec = pod_spec(obj)
        psc = spec.get("securityContext") or {}
        where = f"[{overlay}] {ident(obj)}"

        def rule(name, ok, what, why=""):
            rep.check(ok or name in exempt, what, why)

        rule("automountServiceAccountToken", spec.get("automountServiceAccountToken") is False,
             f"{where}: automountServiceAccountToken: false")
        containers = [(c, False) for c in spec.get("containers") or []]
        containers += [(c, True) for c in spec.get("initContainers") or []]
        for c, init in containers:
            cw = f"{where} container {c.get('name')}"
            csc = c.get("securityContext") or {}
            if not init:
                for probe in ("readinessProbe", "livenessProbe"):
                    rule(probe, bool(c.get(probe)), f"{cw}: {probe}")
            res = c.get("resources") or {}
            for part in ("requests", "limits"):
                for r in ("cpu", "memory"):
                    rule("resources", bool((res.get(part) or {}).get(r)), f"{cw}: resources.{part}.{r}")
            rule("runAsNonRoot", csc.get("runAsNonRoot", psc.get("runAsNonRoot")) is True, f"{cw}: runAsNonRoot")
            rule("readOnlyRootFilesystem", csc.get("readOnlyRootFilesystem") is True,
                 f"{cw}: readOnlyRootFilesystem")
            rule("allowPrivilegeEscalation", csc.get("allowPrivilegeEscalation") is False,
                 f"{cw}: allowPrivilegeEscalation: false")
            drops = [d.upper() for d in ((csc.get("capabilities") or {}).get("drop") or [])]
            rule("capabilities", "ALL" in drops, f"{cw}: capabilities drop ALL")
            seccomp = (csc.get("seccompProfile") or psc.get("seccompProfile") or {}).get("type")
            rule("seccompProfile", seccomp in ("RuntimeDefault", "Localhost"), f"{cw}: seccompProfile RuntimeDefault")
            ok, why = image_pinned(c.get("image") or "")
            rule("image", ok, f"{cw}: image pinned", why)


def by_kind(objs, kind):
    return [o for o in objs if o.get("kind") == kind]


def named(objs, kind, name):
    for o in objs:
        if o.get("kind") == kind and (o.get("metadata") or {}).get("name") == name:
            return o
    return None


def container_env(obj, container, objs):
    """name -> (source description, is_from_secret) for every variable the container gets."""
    result = {}
    problems = []
    for ef in container.get("envFrom") or []:
        prefix = ef.get("prefix") or ""
        if "configMapRef" in ef:
            ref = ef["configMapRef"].get("name")
            cm = named(objs, "ConfigMap", ref)
            if cm is None:
                if not ef["configMapRef"].get("optional"):
                    problems.append(f"envFrom ConfigMap {ref} is not part of the manifests")
                continue
            for k in (cm.get("data") or {}):
                result[prefix + k] = (f"ConfigMap {ref}", False)
        elif "secretRef" in ef:
            ref = ef["secretRef"].get("name")
            sec = named(objs, "Secret", ref)
            if sec is None:
                problems.append(f"envFrom Secret {ref}: its keys cannot be checked offline; use env[].valueFrom."
                                "secretKeyRef so every variable is named in the manifests")
                continue
            for k in list((sec.get("data") or {})) + list((sec.get("stringData") or {})):
                result[prefix + k] = (f"Secret {ref}", True)
    for e in container.get("env") or []:
        vf = e.get("valueFrom") or {}
        if "secretKeyRef" in vf:
            result[e["name"]] = (f"Secret {vf['secretKeyRef'].get('name')}/{vf['secretKeyRef'].get('key')}", True)
        elif "configMapKeyRef" in vf:
            result[e["name"]] = (f"ConfigMap {vf['configMapKeyRef'].get('name')}", False)
        else:
            result[e["name"]] = ("literal" if "value" in e else "fieldRef", False)
    return result, problems


def env_values(container, objs):
    """name -> (value, from_secret): literal and ConfigMap values as text, Secret-sourced ones as None."""
    values = {}
    for ef in container.get("envFrom") or []:
        cm = named(objs, "ConfigMap", (ef.get("configMapRef") or {}).get("name"))
        if cm:
            for k, v in (cm.get("data") or {}).items():
                values[(ef.get("prefix") or "") + k] = (v, False)
    for e in container.get("env") or []:
        vf = e.get("valueFrom") or {}
        if "value" in e:
            values[e["name"]] = (e["value"], False)
        elif "secretKeyRef" in vf:
            values[e["name"]] = (None, True)
        elif "configMapKeyRef" in vf:
            cm = named(objs, "ConfigMap", vf["configMapKeyRef"].get("name"))
            values[e["name"]] = (((cm or {}).get("data") or {}).get(vf["configMapKeyRef"].get("key")), False)
    return values


def check_drift(rep, objs, overlay, configs):
    for service, cfg in configs.items():
        dep = named(objs, "Deployment", service)
        if not rep.check(dep is not None, f"[{overlay}] deployment/{service} exists"):
            continue
        cont = next((c for c in pod_spec(dep).get("containers") or [] if c.get("name") == service), None)
        if not rep.check(cont is not None, f"[{overlay}] deployment/{service} has a container named {service}"):
            continue
        env, problems = container_env(dep, cont, objs)
        for p in problems:
            rep.check(False, f"[{overlay}] {service}: {p}")
        readable = cfg.readable_env()
        for name in sorted(env):
            source, secret = env[name]
            if name in readable:
                ok, why = True, ""
            elif name.startswith(ACCEPTED_PREFIXES):
                ok, why = True, ""
            elif name in RUNTIME_VARS:
                ok, why = True, ""
            else:
                ok, why = False, (f"set from {source} but {service} reads no such key (application.properties, "
                                  f"@ConfigMapping, @ConfigProperty); a typo, or a setting the service dropped")
            rep.check(ok, f"[{overlay}] {service}: {name} is read by the service", why)
            if SECRET_NAME.search(name):
                rep.check(secret, f"[{overlay}] {service}: {name} comes from a Secret",
                          f"set from {source}; credentials belong in a Secret (secretKeyRef)")
        for desc, names in cfg.required:
            rep.check(any(n in env for n in names), f"[{overlay}] {service}: required setting {desc} is set",
                      f"none of {', '.join(names)} is set on the container")


def check_tailor(rep, objs, overlay, repo):
    w = f"[{overlay}]"
    for service in SERVICES:
        dep = named(objs, "Deployment", service)
        if dep is None:
            continue
        c = (pod_spec(dep).get("containers") or [{}])[0]
        rep.check((c.get("image") or "").split("@")[0].rsplit(":", 1)[0].endswith(f"tailor/{service}"),
                  f"{w} {service}: image tailor/{service}", f"image is {c.get('image')}")
        for probe, path in (("readinessProbe", "/q/health/ready"), ("livenessProbe", "/q/health/live")):
            got = ((c.get(probe) or {}).get("httpGet") or {}).get("path")
            rep.check(got == path, f"{w} {service}: {probe} on {path}", f"path is {got}")
        rep.check(bool(c.get("startupProbe")), f"{w} {service}: startupProbe")
        mounts = {m.get("mountPath") for m in c.get("volumeMounts") or []}
        rep.check("/tmp" in mounts, f"{w} {service}: writable /tmp volume (read-only root filesystem)")
    ft = named(objs, "Deployment", "finetune-service")
    if ft:
        spec = ft.get("spec") or {}
        rep.check(spec.get("replicas", 1) == 1, f"{w} finetune-service: one replica (single scheduler)",
                  f"replicas is {spec.get('replicas')}")
        rep.check((spec.get("strategy") or {}).get("type") == "Recreate",
                  f"{w} finetune-service: strategy Recreate (never two schedulers during a rollout)")
        rep.check(not any(((h.get("spec") or {}).get("scaleTargetRef") or {}).get("name") == "finetune-service"
                          for h in by_kind(objs, "HorizontalPodAutoscaler")), f"{w} finetune-service: no HPA")
    ms = named(objs, "Deployment", "model-service")
    if ms:
        spec = ms.get("spec") or {}
        rep.check(spec.get("replicas", 1) == 1, f"{w} model-service: one replica (one writer of its ReadWriteOnce store)",
                  f"replicas is {spec.get('replicas')}")
        rep.check((spec.get("strategy") or {}).get("type") == "Recreate",
                  f"{w} model-service: strategy Recreate (the old pod releases the store first)")
    rep.check(any(((p.get("spec") or {}).get("selector") or {}).get("matchLabels", {}).get(
        "app.kubernetes.io/name") == "query-service" for p in by_kind(objs, "PodDisruptionBudget")),
        f"{w} query-service: PodDisruptionBudget")
    hpa = [h for h in by_kind(objs, "HorizontalPodAutoscaler")
           if ((h.get("spec") or {}).get("scaleTargetRef") or {}).get("name") == "query-service"]
    if rep.check(bool(hpa), f"{w} query-service: HorizontalPodAutoscaler"):
        s = hpa[0]["spec"]
        rep.check(1 <= s.get("minReplicas", 1) <= s.get("maxReplicas", 0),
                  f"{w} query-service: HPA bounds {s.get('minReplicas')}..{s.get('maxReplicas')}")
    rep.check(any((p.get("spec") or {}).get("podSelector") == {} and not (p.get("spec") or {}).get("ingress")
                  and not (p.get("spec") or {}).get("egress")
                  and set((p.get("spec") or {}).get("policyTypes") or []) == {"Ingress", "Egress"}
                  for p in by_kind(objs, "NetworkPolicy")), f"{w} NetworkPolicy: default deny of ingress and egress")
    # only query-service (and Keycloak, for tokens) may be reached from other namespaces' gateways
    for p in by_kind(objs, "NetworkPolicy"):
        target = ((p.get("spec") or {}).get("podSelector") or {}).get("matchLabels", {}).get("app.kubernetes.io/name")
        for rule in (p.get("spec") or {}).get("ingress") or []:
            for peer in rule.get("from") or []:
                ns = ((peer.get("namespaceSelector") or {}).get("matchLabels") or {})
                if "kubernetes.io/metadata.name" in ns:
                    rep.check(target in ("query-service", "keycloak"),
                              f"{w} {ident(p)}: only query-service/keycloak reachable from the gateway namespace",
                              f"opens {target} to namespace {ns['kubernetes.io/metadata.name']}")
    # Weaviate: API-key auth on, and every service gets a key from a Secret
    wv = named(objs, "StatefulSet", "weaviate")
    if wv:
        c = (pod_spec(wv).get("containers") or [{}])[0]
        env, _ = container_env(wv, c, objs)
        values = {name: str(value).lower() for name, (value, _) in env_values(c, objs).items()}
        rep.check(values.get("AUTHENTICATION_APIKEY_ENABLED") == "true", f"{w} weaviate: AUTHENTICATION_APIKEY_ENABLED=true")
        rep.check(values.get("AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED") == "false",
                  f"{w} weaviate: anonymous access disabled")
        rep.check(env.get("AUTHENTICATION_APIKEY_ALLOWED_KEYS", ("", False))[1],
                  f"{w} weaviate: AUTHENTICATION_APIKEY_ALLOWED_KEYS from a Secret")
        rep.check(bool(wv["spec"].get("volumeClaimTemplates")), f"{w} weaviate: persistent volume claim")
        for service in WEAVIATE_CLIENTS:
            dep = named(objs, "Deployment", service)
            if dep:
                c = (pod_spec(dep).get("containers") or [{}])[0]
                senv, _ = container_env(dep, c, objs)
                got = [n for n in ("WEAVIATE_API_KEY", "TAILOR_WEAVIATE_API_KEY") if senv.get(n, ("", False))[1]]
                rep.check(bool(got), f"{w} {service}: Weaviate API key from a Secret",
                          "neither WEAVIATE_API_KEY nor TAILOR_WEAVIATE_API_KEY comes from a Secret")
    check_topics(rep, objs, overlay, repo)


def check_topics(rep, objs, overlay, repo):
    conf = os.path.join(repo, "dev/infra/topics.conf")
    topics = {((t.get("spec") or {}).get("topicName") or t["metadata"]["name"]): t for t in by_kind(objs, "KafkaTopic")}
    if not topics:
        rep.note(f"[{overlay}] no KafkaTopic resources (external Kafka): topics.conf not compared")
        return
    if not os.path.exists(conf):
        rep.note(f"[{overlay}] dev/infra/topics.conf not found: KafkaTopics not compared")
        return
    with open(conf, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].split()
            if len(line) < 2:
                continue
            name, partitions = line[0], int(line[1])
            configs = {} if len(line) < 3 or line[2] == "-" else dict(kv.split("=", 1) for kv in line[2].split(","))
            t = topics.get(name)
            if not rep.check(t is not None, f"[{overlay}] KafkaTopic {name} (dev/infra/topics.conf)"):
                continue
            spec = t.get("spec") or {}
            rep.check(spec.get("partitions") == partitions, f"[{overlay}] KafkaTopic {name}: {partitions} partitions",
                      f"has {spec.get('partitions')}")
            got = {k: str(v) for k, v in (spec.get("config") or {}).items()}
            for k, v in configs.items():
                rep.check(got.get(k) == v, f"[{overlay}] KafkaTopic {name}: {k}={v}", f"has {got.get(k)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repo", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    ap.add_argument("--overlay", action="append", required=True, metavar="NAME=FILE.json",
                    help="rendered objects of one overlay (a JSON list)")
    ap.add_argument("--counts-file", help="write 'PASSED FAILED' here")
    ap.add_argument("--verbose", action="store_true", help="list the keys found per service")
    args = ap.parse_args()
    repo = os.path.abspath(args.repo)
    os.chdir(repo)

    rep = Report()
    configs = {}
    print("configuration keys the services read:")
    for s in SERVICES:
        cfg = discover(repo, s)
        configs[s] = cfg
        print(f"  {s}: {len(cfg.keys)} keys, {len(cfg.env_refs)} variables referenced directly, "
              f"{len(cfg.required)} required from the environment")
        if args.verbose:
            for k in sorted(cfg.keys):
                print(f"      {k}  ({env_name(k)})")
            for d, names in cfg.required:
                print(f"      required: {d} -> {' or '.join(names)}")
        for p in cfg.problems:
            rep.check(False, f"{s}: {p}")

    for name, objs in rendered_overlays(args.overlay):
        print(f"overlay {name}: {len(objs)} objects")
        before = rep.failed
        check_policies(rep, objs, name)
        check_tailor(rep, objs, name, repo)
        check_drift(rep, objs, name, configs)
        if rep.failed == before:
            print(f"  all policy, Tailor and drift checks of {name} passed")
    return rep.finish("policy and drift checks", args.counts_file)


if __name__ == "__main__":
    sys.exit(main())
