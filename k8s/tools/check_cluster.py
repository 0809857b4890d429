#!/usr/bin/env python3
"""Checks of an overlay applied to a real API server (k8s/validate starts one; stdlib only).

After `kubectl apply -k` accepted every object, this reads the namespace back and checks what only a running
control plane shows, and what no API server checks:

  pods        every Deployment and StatefulSet got its Pods from kube-controller-manager (admitted by the
              API server, PodSecurity included); a refusal is reported with the server's message
  services    every Service selects Pods, and each of its target ports is a port of every Pod it selects;
              every Ingress backend is an existing Service port
  policies    every NetworkPolicy selects exactly the workloads it is meant to (EXPECTED below), and so does
              each of its in-namespace peers; Pods of operators (Strimzi) are not there to be selected
  scaling     every HPA targets an existing workload and its controller could read the scale (AbleToScale);
              every PDB selects the Pods of a workload, as counted by the disruption controller
  references  every ConfigMap a Pod reads exists; every Secret is one of the documented ones (k8s/README.md)

Usage: check_cluster.py --kubectl KUBECTL --namespace NS --name LABEL [--timeout S] [--counts-file F]
"""
import argparse
import json
import subprocess
import sys
import time

# What each NetworkPolicy is meant to select, by workload name ("*" = every Pod of the namespace).
# "spec" is the policy's own podSelector; "peers" the in-namespace podSelector peers, in order of appearance.
# OPERATOR marks a selector of Pods an operator creates (absent here: it must then select nothing).
OPERATOR = "operator-managed"
EXPECTED = {
    "default-deny": {"spec": "*"},
    "allow-dns": {"spec": "*"},
    "query-service-from-gateway": {"spec": ["query-service"]},
    "services-egress": {"spec": ["query-service", "ingest-service", "finetune-service"],
                        "peers": [OPERATOR, ["weaviate"], ["keycloak"]]},
    "finetune-service-provider-egress": {"spec": ["finetune-service"]},
    "services-metrics-scrape": {"spec": ["query-service", "ingest-service", "finetune-service"]},
    "weaviate-from-services": {"spec": ["weaviate"],
                               "peers": [["query-service", "ingest-service", "finetune-service"]]},
    "keycloak-from-gateway-and-services": {"spec": ["keycloak"],
                                           "peers": [["query-service", "ingest-service", "finetune-service"]]},
    "kafka-egress": {"spec": OPERATOR, "peers": [OPERATOR]},
    "model-service-from-services": {"spec": ["model-service"], "peers": [["query-service", "finetune-service"]]},
    "model-service-clients-egress": {"spec": ["query-service", "finetune-service"], "peers": [["model-service"]]},
    "model-service-weights-egress": {"spec": ["model-service"]},
    "query-service-chat-egress": {"spec": ["query-service"]},
}
# Secrets the user creates (k8s/README.md, "Secrets"): name -> keys (None: any key, e.g. one per gateway client).
DOCUMENTED_SECRETS = {
    "tailor-weaviate": {"allowed-keys", "api-key"},
    "tailor-keycloak-admin": {"username", "password"},
    "tailor-chat-provider": {"api-key"},
    "tailor-finetune-provider": {"api-key"},
    "tailor-gateway-clients": None,
    # created by Strimzi (components/kafka-security): the cluster CA, and each KafkaUser's credentials
    "tailor-kafka-cluster-ca-cert": {"ca.crt"},
    "query-service": {"sasl.jaas.config", "password"},
    "ingest-service": {"sasl.jaas.config", "password"},
    "finetune-service": {"sasl.jaas.config", "password"},
}


class Report:
    def __init__(self, name):
        self.name, self.passed, self.failed = name, 0, 0

    def check(self, ok, what, why=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"  FAIL [{self.name}] {what}" + (f": {why}" if why else ""))
        return ok


def kubectl(args, namespace=None):
    cmd = [ARGS.kubectl] + (["-n", namespace] if namespace else []) + args
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[1:])}: {out.stderr.strip()}")
    return json.loads(out.stdout) if "-o" in args and "json" in args else out.stdout


def items(kind, namespace):
    return kubectl(["get", kind, "-o", "json"], namespace)["items"]


def selects(selector, labels):
    """LabelSelector semantics (matchLabels and matchExpressions); a Service selector is a plain map."""
    if selector is None:
        return False
    if "matchLabels" not in selector and "matchExpressions" not in selector:
        selector = {"matchLabels": selector}
    for k, v in (selector.get("matchLabels") or {}).items():
        if labels.get(k) != v:
            return False
    for e in selector.get("matchExpressions") or []:
        k, op, values = e["key"], e["operator"], e.get("values") or []
        if op == "In" and labels.get(k) not in values:
            return False
        if op == "NotIn" and labels.get(k) in values:
            return False
        if op == "Exists" and k not in labels:
            return False
        if op == "DoesNotExist" and k in labels:
            return False
    return True


def name(obj):
    return obj["metadata"]["name"]


def owner_workload(pod, replicasets):
    """The Deployment/StatefulSet a Pod belongs to (through its ReplicaSet)."""
    for ref in pod["metadata"].get("ownerReferences") or []:
        if ref["kind"] == "StatefulSet":
            return ref["name"]
        if ref["kind"] == "ReplicaSet":
            rs = replicasets.get(ref["name"])
            for r in (rs or {}).get("metadata", {}).get("ownerReferences") or []:
                if r["kind"] == "Deployment":
                    return r["name"]
            return ref["name"]
    return name(pod)


def expected_pods(workload):
    spec = workload["spec"]
    replicas = spec.get("replicas", 1)
    # Without a kubelet no Pod gets Ready, so an OrderedReady StatefulSet stops after its first Pod.
    if workload["kind"] == "StatefulSet" and spec.get("podManagementPolicy", "OrderedReady") == "OrderedReady":
        return min(replicas, 1)
    return replicas


def wait_for_pods(rep, ns, workloads):
    deadline = time.time() + ARGS.timeout
    while True:
        pods = items("pods", ns)
        rsets = {name(r): r for r in items("replicasets", ns)}
        by_workload = {}
        for p in pods:
            by_workload.setdefault(owner_workload(p, rsets), []).append(p)
        missing = {name(w): (len(by_workload.get(name(w), [])), expected_pods(w)) for w in workloads
                   if len(by_workload.get(name(w), [])) < expected_pods(w)}
        if not missing or time.time() > deadline:
            break
        time.sleep(0.5)
    events = [e for e in items("events", ns) if e.get("reason") in ("FailedCreate", "FailedCreatePodSandBox")]
    for w in workloads:
        got, want = len(by_workload.get(name(w), [])), expected_pods(w)
        why = ""
        if got < want:
            msgs = sorted({e["message"] for e in events if e["involvedObject"]["name"].startswith(name(w))})
            why = f"{got} of {want} Pods created" + (": " + " | ".join(msgs) if msgs else "")
        rep.check(got >= want, f"{w['kind'].lower()}/{name(w)}: {want} Pod(s) created and admitted", why)
    return pods, by_workload


def check_services(rep, ns, pods):
    services = {name(s): s for s in items("services", ns)}
    for s in services.values():
        sel = s["spec"].get("selector")
        chosen = [p for p in pods if sel and selects(sel, p["metadata"].get("labels") or {})]
        if not rep.check(bool(chosen), f"service/{name(s)} selects Pods", f"selector {sel} matches no Pod"):
            continue
        for port in s["spec"].get("ports") or []:
            target = port.get("targetPort", port["port"])
            for p in chosen:
                ports = [cp for c in p["spec"]["containers"] for cp in c.get("ports") or []]
                ok = any(cp.get("name") == target for cp in ports) if isinstance(target, str) else \
                    any(cp["containerPort"] == target for cp in ports)
                rep.check(ok, f"service/{name(s)} port {port.get('name', port['port'])} -> {target} "
                              f"is a port of pod {name(p)}")
    for ing in items("ingresses.networking.k8s.io", ns):
        for rule in ing["spec"].get("rules") or []:
            for path in (rule.get("http") or {}).get("paths") or []:
                b = path["backend"].get("service") or {}
                svc = services.get(b.get("name"))
                port = b.get("port") or {}
                ok = svc is not None and any(
                    (port.get("name") and sp.get("name") == port["name"]) or sp["port"] == port.get("number")
                    for sp in svc["spec"].get("ports") or [])
                rep.check(ok, f"ingress/{name(ing)} {rule.get('host')}{path['path']} -> service "
                              f"{b.get('name')}:{port.get('name') or port.get('number')} exists")


def check_policies(rep, ns, pods, by_workload):
    owner = {name(p): w for w, ps in by_workload.items() for p in ps}
    all_workloads = sorted(by_workload)

    def selected(selector):
        return sorted({owner[name(p)] for p in pods if selects(selector, p["metadata"].get("labels") or {})})

    def compare(what, selector, expected):
        got = selected(selector)
        if expected == OPERATOR:
            rep.check(not got, f"{what} selects only operator-managed Pods", f"also selects {got}")
            return
        want = all_workloads if expected == "*" else sorted(expected)
        # A workload that is not part of this overlay (a component not applied) cannot be selected.
        want = [w for w in want if w in by_workload]
        rep.check(got == want, f"{what} selects {want}", f"selects {got}")

    for np in items("networkpolicies.networking.k8s.io", ns):
        exp = EXPECTED.get(name(np))
        if not rep.check(exp is not None, f"networkpolicy/{name(np)}: expected selection recorded",
                         "add it to EXPECTED in k8s/tools/check_cluster.py"):
            continue
        compare(f"networkpolicy/{name(np)} podSelector", np["spec"]["podSelector"], exp["spec"])
        peers = [peer["podSelector"] for rule in (np["spec"].get("ingress") or []) + (np["spec"].get("egress") or [])
                 for peer in (rule.get("from") or []) + (rule.get("to") or [])
                 if "podSelector" in peer and "namespaceSelector" not in peer]
        want = exp.get("peers", [])
        if rep.check(len(peers) == len(want), f"networkpolicy/{name(np)}: {len(want)} in-namespace peer(s)",
                     f"has {len(peers)}"):
            for i, (sel, w) in enumerate(zip(peers, want)):
                compare(f"networkpolicy/{name(np)} peer {i + 1}", sel, w)


def check_kafka_peers(rep, ns, pods, by_workload):
    owner = {name(p): w for w, ps in by_workload.items() for p in ps}
    kafkas = items("kafkas.kafka.strimzi.io", ns)
    for k in kafkas:
        for listener in k["spec"]["kafka"].get("listeners") or []:
            for peer in listener.get("networkPolicyPeers") or []:
                sel = peer.get("podSelector")
                got = sorted({owner[name(p)] for p in pods if selects(sel, p["metadata"].get("labels") or {})})
                want = sorted(w for w in ("query-service", "ingest-service", "finetune-service") if w in by_workload)
                rep.check(got == want, f"kafka/{name(k)} listener {listener['name']}: networkPolicyPeers select "
                                       f"{want}", f"select {got}")
    for pool in items("kafkanodepools.kafka.strimzi.io", ns):
        cluster = (pool["metadata"].get("labels") or {}).get("strimzi.io/cluster")
        rep.check(cluster in {name(k) for k in kafkas}, f"kafkanodepool/{name(pool)} belongs to a Kafka",
                  f"strimzi.io/cluster={cluster}")
    for topic in items("kafkatopics.kafka.strimzi.io", ns):
        cluster = (topic["metadata"].get("labels") or {}).get("strimzi.io/cluster")
        rep.check(cluster in {name(k) for k in kafkas}, f"kafkatopic/{name(topic)} belongs to a Kafka",
                  f"strimzi.io/cluster={cluster}")


def check_scaling(rep, ns, pods, by_workload):
    workloads = {(w["kind"], name(w)) for kind in ("deployments", "statefulsets") for w in items(kind, ns)}
    hpas = items("horizontalpodautoscalers.autoscaling", ns)
    deadline = time.time() + ARGS.timeout
    for h in hpas:
        ref = h["spec"]["scaleTargetRef"]
        rep.check((ref["kind"], ref["name"]) in workloads, f"hpa/{name(h)} targets existing {ref['kind']} {ref['name']}")
        while True:
            h = kubectl(["get", "hpa", name(h), "-o", "json"], ns)
            cond = {c["type"]: c for c in (h.get("status") or {}).get("conditions") or []}
            if "AbleToScale" in cond or time.time() > deadline:
                break
            time.sleep(0.5)
        c = cond.get("AbleToScale", {})
        rep.check(c.get("status") == "True", f"hpa/{name(h)}: the HPA controller reads the target's scale",
                  f"{c.get('reason')}: {c.get('message')}" if c else "no AbleToScale condition")
    for pdb in items("poddisruptionbudgets.policy", ns):
        sel = pdb["spec"].get("selector")
        got = sorted({w for w, ps in by_workload.items() for p in ps
                      if selects(sel, p["metadata"].get("labels") or {})})
        rep.check(len(got) == 1, f"pdb/{name(pdb)} selects the Pods of one workload", f"selects {got}")
        while True:
            pdb = kubectl(["get", "pdb", name(pdb), "-o", "json"], ns)
            expected = (pdb.get("status") or {}).get("expectedPods")
            if expected or time.time() > deadline:
                break
            time.sleep(0.5)
        rep.check(bool(expected), f"pdb/{name(pdb)}: the disruption controller counts its Pods",
                  f"expectedPods={expected}")


def check_references(rep, ns, pods):
    configmaps = {name(c) for c in items("configmaps", ns)}
    secrets = {name(s): set((s.get("data") or {}).keys()) for s in items("secrets", ns)}
    seen = set()
    for p in pods:
        spec = p["spec"]
        refs = []
        for c in spec.get("containers", []) + spec.get("initContainers", []):
            for ef in c.get("envFrom") or []:
                if "configMapRef" in ef:
                    refs.append(("configmap", ef["configMapRef"]["name"], None, ef["configMapRef"].get("optional")))
                if "secretRef" in ef:
                    refs.append(("secret", ef["secretRef"]["name"], None, ef["secretRef"].get("optional")))
            for e in c.get("env") or []:
                vf = e.get("valueFrom") or {}
                if "configMapKeyRef" in vf:
                    r = vf["configMapKeyRef"]
                    refs.append(("configmap", r["name"], r["key"], r.get("optional")))
                if "secretKeyRef" in vf:
                    r = vf["secretKeyRef"]
                    refs.append(("secret", r["name"], r["key"], r.get("optional")))
        for v in spec.get("volumes") or []:
            if "configMap" in v:
                refs.append(("configmap", v["configMap"]["name"], None, v["configMap"].get("optional")))
            if "secret" in v:
                refs.append(("secret", v["secret"]["secretName"], None, v["secret"].get("optional")))
        for kind, ref, key, optional in refs:
            if (kind, ref, key) in seen:
                continue
            seen.add((kind, ref, key))
            if kind == "configmap":
                rep.check(ref in configmaps or optional, f"configmap/{ref} (read by pod {name(p)}) exists")
            else:
                documented = DOCUMENTED_SECRETS.get(ref, False)
                rep.check(documented is not False and (key is None or documented is None or key in documented),
                          f"secret {ref}{'/' + key if key else ''} (read by pod {name(p)}) is documented in "
                          f"k8s/README.md", "create it there, or fix the name")
                rep.check(ref in secrets and (key is None or key in secrets[ref]),
                          f"secret {ref}{'/' + key if key else ''} exists as k8s/README.md creates it")


def main():
    rep = Report(ARGS.name)
    ns = ARGS.namespace
    labels = kubectl(["get", "namespace", ns, "-o", "json"])["metadata"].get("labels") or {}
    rep.check(labels.get("pod-security.kubernetes.io/enforce") == "restricted",
              f"namespace {ns} enforces PodSecurity restricted", f"labels {labels}")
    workloads = items("deployments", ns) + items("statefulsets", ns)
    pods, by_workload = wait_for_pods(rep, ns, workloads)
    check_services(rep, ns, pods)
    check_policies(rep, ns, pods, by_workload)
    check_kafka_peers(rep, ns, pods, by_workload)
    check_scaling(rep, ns, pods, by_workload)
    check_references(rep, ns, pods)
    print(f"  [{ARGS.name}] {len(workloads)} workloads, {len(pods)} Pods (Pending: no kubelet); "
          f"{rep.passed} checks passed, {rep.failed} failed")
    if ARGS.counts_file:
        with open(ARGS.counts_file, "w") as f:
            f.write(f"{rep.passed} {rep.failed}\n")
    return 1 if rep.failed else 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kubectl", required=True)
    ap.add_argument("--namespace", required=True)
    ap.add_argument("--name", required=True, help="label for the report lines (the overlay)")
    ap.add_argument("--timeout", type=float, default=30, help="seconds to wait for controllers")
    ap.add_argument("--counts-file")
    ARGS = ap.parse_args()
    sys.exit(main())
