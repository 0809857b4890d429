#!/usr/bin/env python3
"""Gateway clients as k8s/README.md ("Identities") declares them, for k8s/validate (stdlib only).

  gateway_fixture.py REALM.json DIR OVERLAY with-secret|without-secret
      writes DIR/tailor-realm.json (the base realm plus the README's example gateway "gateway-acme": a confidential
      client whose secret is the placeholder ${TAILOR_GATEWAY_SECRET_ACME}, and its service account's roles) and
      DIR/kustomization.yaml (OVERLAY with that realm; with-secret also hands Keycloak the variable from the Secret
      tailor-gateway-clients, as the README's patch does)
  gateway_fixture.py --secret-keys RENDERED.json...
      prints the keys of tailor-gateway-clients the rendered overlays read ("KEY=validate, ..."), so that validate
      creates that Secret when an overlay declares gateways
"""
import json
import sys

PATCH = """patches:
  - target: {kind: Deployment, name: keycloak}
    patch: |-
      - op: add
        path: /spec/template/spec/containers/0/env/-
        value:
          name: TAILOR_GATEWAY_SECRET_ACME
          valueFrom: {secretKeyRef: {name: tailor-gateway-clients, key: gateway-acme}}
"""


def fixture(realm_path, out, overlay, variant):
    with open(realm_path, encoding="utf-8") as f:
        realm = json.load(f)
    audience = [m for c in realm["clients"] if c["clientId"] == "tailor-gateway"
                for m in c.get("protocolMappers") or [] if m["protocolMapper"] == "oidc-audience-mapper"]
    realm["clients"].append({
        "clientId": "gateway-acme", "name": "ACME's chat gateway", "enabled": True, "publicClient": False,
        "clientAuthenticatorType": "client-secret", "secret": "${TAILOR_GATEWAY_SECRET_ACME}",
        "serviceAccountsEnabled": True, "standardFlowEnabled": False, "directAccessGrantsEnabled": False,
        "implicitFlowEnabled": False, "protocolMappers": audience})
    realm.setdefault("users", []).append({
        "username": "service-account-gateway-acme", "enabled": True, "serviceAccountClientId": "gateway-acme",
        "realmRoles": ["engineering", "public"]})
    with open(f"{out}/tailor-realm.json", "w", encoding="utf-8") as f:
        json.dump(realm, f, indent=2)
    with open(f"{out}/kustomization.yaml", "w", encoding="utf-8") as f:
        f.write("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                f"resources: [{overlay}]\n"
                "configMapGenerator: [{name: keycloak-realm, behavior: replace, files: [tailor-realm.json]}]\n")
        if variant == "with-secret":
            f.write(PATCH)


def secret_keys(paths):
    keys = set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for o in json.load(f):
                spec = ((o.get("spec") or {}).get("template") or {}).get("spec") or {}
                for c in spec.get("containers") or []:
                    for e in c.get("env") or []:
                        ref = (e.get("valueFrom") or {}).get("secretKeyRef") or {}
                        if ref.get("name") == "tailor-gateway-clients":
                            keys.add(f"{ref['key']}=validate")
    print(", ".join(sorted(keys)))


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--secret-keys":
        secret_keys(sys.argv[2:])
    elif len(sys.argv) == 5 and sys.argv[4] in ("with-secret", "without-secret"):
        fixture(*sys.argv[1:])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
