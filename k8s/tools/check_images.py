#!/usr/bin/env python3
"""The images k8s/ deploys are exactly the images the build produced (stdlib only).

Input: an OCI registry the build pushed every service image to (dev/lib/k8s.sh starts one and builds with Jib).
Checks:
  built      every module with the Jib extension (quarkus-container-image-jib in its pom.xml) has its image in the
             registry, tagged with the project version
  dev        every tailor/* image of overlays/dev (containers and init containers) is one the build pushed, with
             the same name and tag; every pushed image is deployed
  prod       overlays/prod deploys the same names with the release tag (the project version without -SNAPSHOT,
             which a release builds with -Dquarkus.container-image.tag)
  ports      each image exposes the port its Deployment's container declares (Jib: quarkus.http.port)
Run by `k8s/validate --images HOST:PORT`. Exit status 1 when anything failed.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import urllib.request
import xml.etree.ElementTree as ET

# Our images; the third-party ones (Keycloak, Weaviate, Python) are pinned by check_manifests.py.
IMAGE_PREFIX = "tailor/"


def get(registry, path, accept=None):
    req = urllib.request.Request(f"http://{registry}{path}")
    if accept:
        req.add_header("Accept", accept)
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)


def project_version(repo):
    root = ET.parse(os.path.join(repo, "pom.xml")).getroot()
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    return root.find("m:version", ns).text.strip()


def jib_modules(repo):
    """(module, image name) of every module with the Jib extension; the name as Quarkus derives it:
    quarkus.container-image.group / (quarkus.container-image.name, else quarkus.application.name)."""
    root = ET.parse(os.path.join(repo, "pom.xml")).getroot()
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    for m in root.findall("m:modules/m:module", ns):
        module = m.text.strip()
        pom = os.path.join(repo, module, "pom.xml")
        if not (os.path.exists(pom) and "quarkus-container-image-jib" in open(pom, encoding="utf-8").read()):
            continue
        props = {}
        path = os.path.join(repo, module, "src/main/resources/application.properties")
        if os.path.exists(path):
            for line in open(path, encoding="utf-8"):
                k, sep, v = line.strip().partition("=")
                if sep and not k.startswith(("#", "%")):
                    props[k.strip()] = v.strip()
        name = props.get("quarkus.container-image.name") or props.get("quarkus.application.name") or module
        group = props.get("quarkus.container-image.group")
        yield module, f"{group}/{name}" if group else name


def rendered_images(kubectl, overlay_dir):
    """image -> [(workload, container, declared ports)] of every tailor/* container of the rendered overlay."""
    import yaml  # k8s/validate runs this with its venv's Python, which has PyYAML
    out = subprocess.run([kubectl, "kustomize", overlay_dir], capture_output=True, text=True, check=True).stdout
    found = {}
    for o in yaml.safe_load_all(out):
        spec = (((o or {}).get("spec") or {}).get("template") or {}).get("spec") or {}
        for c in (spec.get("containers") or []) + (spec.get("initContainers") or []):
            if c["image"].startswith(IMAGE_PREFIX):
                ports = {p["containerPort"] for p in c.get("ports") or []}
                found.setdefault(c["image"], []).append((o["metadata"]["name"], c["name"], ports))
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repo", required=True)
    ap.add_argument("--registry", required=True, help="host:port of the registry the build pushed to")
    ap.add_argument("--kubectl", required=True, help="kubectl (its kustomize renders the overlays)")
    ap.add_argument("--counts-file", help="write 'PASSED FAILED' here")
    args = ap.parse_args()
    passed = failed = 0

    def check(ok, what, why=""):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"  FAIL {what}" + (f": {why}" if why else ""))
        return ok

    version = project_version(args.repo)
    release = re.sub(r"-SNAPSHOT$", "", version)
    repos = [r for r in get(args.registry, "/v2/_catalog?n=1000")["repositories"] if r.startswith(IMAGE_PREFIX)]
    built = {}
    for r in repos:
        for t in get(args.registry, f"/v2/{r}/tags/list")["tags"] or []:
            built[f"{r}:{t}"] = r
    print(f"images in the registry: {', '.join(sorted(built)) or 'none'}")

    for module, image in jib_modules(args.repo):
        check(f"{image}:{version}" in built, f"built: {module} -> {image}:{version}",
              "not in the registry (was the build run with dev/lib/k8s.sh's K8S_IMAGE_MAVEN_ARGS?)")

    dev = rendered_images(args.kubectl, os.path.join(args.repo, "k8s/overlays/dev"))
    for image, users in sorted(dev.items()):
        check(image in built, f"dev: {image} (used by {', '.join(sorted({u[0] for u in users}))}) was built",
              f"the build pushed {sorted(built)}")
    for image in sorted(built):
        check(image in dev, f"dev: built image {image} is deployed", "no container of overlays/dev uses it")

    prod = rendered_images(args.kubectl, os.path.join(args.repo, "k8s/overlays/prod"))
    for image in sorted(prod):
        name, _, tag = image.rpartition(":")
        check(f"{name}:{version}" in built and tag == release,
              f"prod: {image} is a built image with the release tag {release}")
    check({i.rpartition(":")[0] for i in prod} == {i.rpartition(":")[0] for i in dev},
          "prod deploys the same images as dev")

    for image, users in sorted(dev.items()):
        if image not in built:
            continue
        repo, _, tag = image.rpartition(":")
        manifest = get(args.registry, f"/v2/{repo}/manifests/{tag}",
                       "application/vnd.oci.image.manifest.v1+json,application/vnd.docker.distribution.manifest.v2+json")
        req = urllib.request.Request(f"http://{args.registry}/v2/{repo}/blobs/{manifest['config']['digest']}")
        with urllib.request.urlopen(req, timeout=30) as r:
            config = json.load(r).get("config") or {}
        exposed = {int(p.split("/")[0]) for p in (config.get("ExposedPorts") or {})}
        for deployment, container, ports in users:
            if ports:
                check(ports <= exposed, f"ports: {image} exposes {sorted(ports)} ({deployment}/{container})",
                      f"it exposes {sorted(exposed)}")
    print(f"images: {passed} passed, {failed} failed")
    if args.counts_file:
        with open(args.counts_file, "w") as f:
            f.write(f"{passed} {failed}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
