#!/usr/bin/env node
// Validates deploy/kubernetes/ without a cluster: every manifest against the Kubernetes OpenAPI
// schema of its apiVersion/kind (the compiled validators of the kubernetes-models package:
// types, required fields, enums, formats), plus what those validators let through and the API
// server refuses: a field the schema does not declare (a typo such as `readinesProbe` would
// otherwise be dropped silently). kustomization.yaml must list exactly the other manifests;
// where kubectl is installed, what `kubectl kustomize` renders from them is checked too.
//
// Unknown fields are found by watching the validator: it reads every declared property of an
// object it checks (`data.replicas`, …) and enumerates the keys of a map (labels, data, …), so
// any other key of an object it only read by name is not in the schema.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const DIR = join(ROOT, 'deploy', 'kubernetes');
const KUSTOMIZATION = 'kustomization.yaml';
const KUSTOMIZATION_FIELDS = new Set(['apiVersion', 'kind', 'labels', 'resources', 'images']);

/** The kubernetes-models class for an apiVersion and kind, or undefined when there is none. */
async function modelFor(apiVersion, kind) {
  const modulePath = apiVersion.includes('/') ? apiVersion : apiVersion === 'v1' ? 'v1' : null;
  if (!modulePath || typeof kind !== 'string') return undefined;
  try {
    const models = await import(`kubernetes-models/${modulePath}`);
    const model = models[kind];
    return typeof model?.prototype?.validate === 'function' ? model : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs the model's validator over a proxy of `object` that records, per plain object, which
 * keys the validator read and whether it enumerated them. Returns the schema errors and the
 * paths of undeclared fields.
 */
function validate(model, object) {
  const seen = new Map();
  const proxies = new WeakMap();
  const watch = (value) => {
    if (value === null || typeof value !== 'object') return value;
    if (proxies.has(value)) return proxies.get(value);
    const record = { read: new Set(), enumerated: false };
    if (!Array.isArray(value)) seen.set(value, record);
    const proxy = new Proxy(value, {
      get(target, key, receiver) {
        if (typeof key === 'string') record.read.add(key);
        return watch(Reflect.get(target, key, receiver));
      },
      has(target, key) {
        if (typeof key === 'string') record.read.add(key);
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        record.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  };

  const errors = [];
  try {
    model.prototype.validate.call(watch(object));
  } catch (err) {
    errors.push(err.message);
  }

  const unknown = [];
  const walk = (value, path) => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((item, i) => walk(item, `${path}/${i}`));
    const record = seen.get(value);
    // Never reached (under a field already reported) or a free-form object (no declared keys).
    if (!record || (record.read.size === 0 && !record.enumerated)) return;
    for (const key of Object.keys(value)) {
      if (!record.enumerated && !record.read.has(key)) unknown.push(`${path}/${key}`);
      else walk(value[key], `${path}/${key}`);
    }
  };
  walk(object, '');
  return { errors, unknown };
}

/** Problems of one manifest object (empty when it is valid). */
async function check(object) {
  if (object === null || typeof object !== 'object' || Array.isArray(object))
    return ['not a Kubernetes object (a mapping with apiVersion and kind)'];
  const { apiVersion, kind } = object;
  const model = await modelFor(apiVersion, kind);
  if (!model) return [`no schema for apiVersion ${apiVersion} kind ${kind}`];
  const { errors, unknown } = validate(model, object);
  return [...errors, ...unknown.map((path) => `unknown field ${path}`)];
}

function parse(file, text = readFileSync(join(DIR, file), 'utf8')) {
  const docs = parseAllDocuments(text, { uniqueKeys: true });
  const problems = docs.flatMap((doc) => [...doc.errors, ...doc.warnings].map((e) => e.message));
  return { objects: docs.map((doc) => doc.toJS()).filter((o) => o != null), problems };
}

const failures = [];
const fail = (where, message) => failures.push(`${where}: ${message}`);
const files = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
let checked = 0;

for (const file of files) {
  const where = relative(ROOT, join(DIR, file));
  const { objects, problems } = parse(file);
  problems.forEach((p) => fail(where, p));
  if (file === KUSTOMIZATION) {
    const [k] = objects;
    if (k?.kind !== 'Kustomization') fail(where, 'kind must be Kustomization');
    for (const key of Object.keys(k ?? {}))
      if (!KUSTOMIZATION_FIELDS.has(key)) fail(where, `unexpected field ${key}`);
    const listed = new Set(k?.resources ?? []);
    for (const f of files)
      if (f !== KUSTOMIZATION && !listed.has(f)) fail(where, `${f} is not in resources`);
    for (const r of listed) if (!files.includes(r)) fail(where, `resource ${r} does not exist`);
    continue;
  }
  if (objects.length === 0) fail(where, 'no Kubernetes object');
  for (const object of objects) {
    const name = `${where} (${object?.kind}/${object?.metadata?.name})`;
    (await check(object)).forEach((p) => fail(name, p));
    checked += 1;
  }
}

let rendered = 'kubectl not installed, so the kustomize rendering was not checked';
let kustomized;
try {
  kustomized = execFileSync('kubectl', ['kustomize', DIR], { encoding: 'utf8', stdio: 'pipe' });
} catch (err) {
  if (err.code !== 'ENOENT') fail('kubectl kustomize', err.stderr?.trim() || err.message);
}
if (kustomized !== undefined) {
  const { objects, problems } = parse('kubectl kustomize', kustomized);
  problems.forEach((p) => fail('kubectl kustomize', p));
  for (const object of objects)
    (await check(object)).forEach((p) =>
      fail(`kubectl kustomize (${object?.kind}/${object?.metadata?.name})`, p),
    );
  rendered = `${objects.length} rendered by kubectl kustomize`;
}

// The check must itself be able to fail: a misspelt field and a wrong type are both reported.
const probe = parse('api-deployment.yaml').objects[0];
probe.spec.template.spec.containers[0].readinesProbe = { httpGet: { path: '/', port: 80 } };
probe.spec.replicas = 'two';
const caught = await check(probe);
if (
  !caught.includes('unknown field /spec/template/spec/containers/0/readinesProbe') ||
  !caught.some((p) => p.includes('/spec/replicas'))
)
  fail('self-test', `a broken Deployment was not reported as expected: ${caught.join('; ')}`);

if (failures.length > 0) {
  failures.forEach((f) => console.error(`[check-kubernetes] ${f}`));
  process.exit(1);
}
console.error(
  `[check-kubernetes] ${checked} objects in ${relative(ROOT, DIR)} match the Kubernetes schemas (${rendered})`,
);
