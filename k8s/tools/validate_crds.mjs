// Validates Strimzi custom resources offline against the schemas of their CRDs, as compiled into the npm
// package @kubernetes-models/strimzi-kafka-operator (installed by k8s/validate into its cache).
// Usage: node validate_crds.mjs NODE_MODULES_DIR OVERLAY=FILE.json...
// Prints one line per object; the last line is "crd-counts PASSED FAILED SKIPPED".
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [nodeModules, ...inputs] = process.argv.slice(2);
const packages = { "kafka.strimzi.io": "@kubernetes-models/strimzi-kafka-operator",
                   "core.strimzi.io": "@kubernetes-models/strimzi-kafka-operator" };
let passed = 0, failed = 0, skipped = 0;
for (const input of inputs) {
  const [overlay, file] = input.split("=");
  for (const obj of JSON.parse(readFileSync(file, "utf8"))) {
    const [group, version] = (obj.apiVersion || "").includes("/") ? obj.apiVersion.split("/") : ["", obj.apiVersion];
    if (!group.includes(".") || group.endsWith(".k8s.io")) continue; // built-in API: kubernetes-validate checks it
    const id = `[${overlay}] ${obj.kind}/${obj.metadata?.name} (${obj.apiVersion})`;
    const pkg = packages[group];
    if (!pkg) { skipped++; console.log(`  SKIP ${id}: no bundled schema for API group ${group}`); continue; }
    let Model;
    try {
      const mod = await import(pathToFileURL(join(nodeModules, pkg, group, version, "index.js")).href);
      Model = mod[obj.kind];
    } catch (e) { Model = undefined; }
    if (!Model) { failed++; console.log(`  FAIL ${id}: ${group}/${version} ${obj.kind} is not a known kind/version`); continue; }
    try { new Model(obj).validate(); passed++; console.log(`  ok   ${id}`); }
    catch (e) { failed++; console.log(`  FAIL ${id}: ${String(e.message).split("\n").slice(0, 6).join("; ")}`); }
  }
}
console.log(`crd-counts ${passed} ${failed} ${skipped}`);
