// Loads Terraform files with HashiCorp's HCL parser (@cdktf/hcl2json) and
// offers helpers to walk the JSON it returns. hcl2json keeps every block as
// an array of bodies and every expression that is not a literal as a string
// "${...}", so the helpers accept both forms.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { parse } from '@cdktf/hcl2json';

// Lists the .tf files under root, skipping .terraform directories.
export function listTerraformFiles(root) {
  const found = [];
  for (const entry of readdirSync(root)) {
    if (entry === '.terraform' || entry === 'node_modules') continue;
    const path = join(root, entry);
    if (statSync(path).isDirectory()) {
      found.push(...listTerraformFiles(path));
    } else if (entry.endsWith('.tf')) {
      found.push(path);
    }
  }
  return found.sort();
}

// Parses every .tf file under root. Returns { root, files, errors }: a
// file that fails to parse lands in errors with the parser's message.
export async function loadTree(root) {
  const files = [];
  const errors = [];
  for (const path of listTerraformFiles(root)) {
    const rel = relative(root, path);
    try {
      const json = await parse(rel, readFileSync(path, 'utf8'));
      files.push({ path, rel, dir: dirname(rel), json });
    } catch (error) {
      errors.push({ rel, message: error.message });
    }
  }
  return { root, files, errors };
}

// Returns the resources (or data sources, with kind 'data') of one type as
// { type, name, body, file, dir, address }.
export function resources(tree, type, kind = 'resource') {
  const out = [];
  for (const file of tree.files) {
    const byName = file.json[kind]?.[type] ?? {};
    for (const [name, bodies] of Object.entries(byName)) {
      for (const body of bodies) {
        out.push({ type, name, body, file: file.rel, dir: file.dir, address: `${file.dir}:${type}.${name}` });
      }
    }
  }
  return out;
}

// Returns every resource of every type whose name starts with prefix.
export function resourcesMatching(tree, prefix) {
  const types = new Set();
  for (const file of tree.files) {
    for (const type of Object.keys(file.json.resource ?? {})) {
      if (type.startsWith(prefix)) types.add(type);
    }
  }
  return [...types].flatMap((type) => resources(tree, type));
}

// Returns the bodies of a nested block, including dynamic blocks' content.
export function blocks(body, name) {
  const direct = body?.[name] ?? [];
  const dynamic = (body?.dynamic?.[name] ?? []).flatMap((d) => d.content ?? []);
  return [...(Array.isArray(direct) ? direct : [direct]), ...dynamic];
}

export function moduleCalls(tree, dirPrefix = '') {
  const out = [];
  for (const file of tree.files) {
    if (!file.dir.startsWith(dirPrefix)) continue;
    for (const [name, bodies] of Object.entries(file.json.module ?? {})) {
      for (const body of bodies) out.push({ name, body, file: file.rel, dir: file.dir });
    }
  }
  return out;
}

export function variables(tree, dir) {
  const out = {};
  for (const file of tree.files) {
    if (file.dir !== dir) continue;
    for (const [name, bodies] of Object.entries(file.json.variable ?? {})) out[name] = bodies[0];
  }
  return out;
}

export function locals(tree, dir) {
  const out = {};
  for (const file of tree.files) {
    if (file.dir !== dir) continue;
    for (const block of file.json.locals ?? []) Object.assign(out, block);
  }
  return out;
}

// Resolves "${var.x}" to the variable's default and "${local.x}" to the
// local's value in the same directory, following up to five steps.
// Anything else is returned unchanged.
export function resolve(tree, dir, value) {
  let current = value;
  for (let step = 0; step < 5; step += 1) {
    if (typeof current !== 'string') return current;
    const match = /^\$\{(var|local)\.([A-Za-z0-9_-]+)\}$/.exec(current);
    if (!match) return current;
    if (match[1] === 'var') {
      const variable = variables(tree, dir)[match[2]];
      if (!variable || !('default' in variable)) return current;
      current = variable.default;
    } else {
      const all = locals(tree, dir);
      if (!(match[2] in all)) return current;
      current = all[match[2]];
    }
  }
  return current;
}

export function isTrue(value) {
  return value === true || value === '${true}' || value === 'true';
}

export function isFalse(value) {
  return value === false || value === '${false}' || value === 'false';
}

export function text(value) {
  return typeof value === 'string' ? value : JSON.stringify(value ?? '');
}

// Returns the text of a value with every local.NAME it mentions appended, so
// checks on expressions such as jsonencode(local.container_definitions[...])
// also see what the local contains.
export function expandedText(tree, dir, value) {
  const own = text(value);
  const all = locals(tree, dir);
  const names = [...own.matchAll(/local\.([A-Za-z0-9_]+)/g)].map((m) => m[1]);
  return [own, ...names.filter((n) => n in all).map((n) => text(all[n]))].join('\n');
}

export function toNumber(value) {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return NaN;
}
