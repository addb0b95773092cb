// Shape of the environment roots. Each root under environments/ calls the
// composition module, modules/portal, once from main.tf and declares no
// resources of its own, so the environments differ only in the inputs they
// pass and cannot drift apart.

import { moduleCalls } from './hcl.mjs';

export const COMPOSITION_SOURCE = '../../modules/portal';
export const COMPOSITION_DIR = 'modules/portal';

// Environment roots that were applied before the stack moved into
// modules/portal, and the state addresses they declared then. Each of these
// roots' moved blocks must map every address to module.portal.<address>.
// Roots added later start with the module and need no moved blocks.
export const ENVIRONMENTS_BEFORE_COMPOSITION = ['environments/production', 'environments/staging'];
export const ADDRESSES_BEFORE_COMPOSITION = [
  'module.kms',
  'module.network',
  'module.security',
  'module.endpoints',
  'module.registry',
  'module.audit_archive',
  'module.database',
  'module.edge',
  'module.frontend',
  'aws_secretsmanager_secret.registration_token_key',
  'module.ecs',
  'module.operations',
];

// Returns the directories directly under environments/ that contain .tf files.
export function environmentDirectories(tree) {
  const dirs = tree.files.map((file) => file.dir).filter((dir) => /^environments\/[^/]+$/.test(dir));
  return [...new Set(dirs)].sort();
}

// Strips the "${...}" wrapper hcl2json puts around a traversal.
function address(value) {
  return typeof value === 'string' ? value.replace(/^\$\{(.*)\}$/, '$1') : String(value);
}

// Checks that every environment root declares no resources or data sources,
// has no nested directories, and calls only the composition module, exactly
// once, from main.tf, passing it both AWS providers.
export function checkThinRoots(tree) {
  const findings = [];

  for (const file of tree.files.filter((f) => /^environments\/[^/]+\/.+/.test(f.dir))) {
    findings.push(`${file.rel}: environment roots must not have nested directories`);
  }

  for (const dir of environmentDirectories(tree)) {
    for (const file of tree.files.filter((f) => f.dir === dir)) {
      for (const [kind, prefix] of [['resource', ''], ['data', 'data.']]) {
        for (const [type, byName] of Object.entries(file.json[kind] ?? {})) {
          for (const name of Object.keys(byName)) {
            findings.push(`${file.rel}: declares ${prefix}${type}.${name}, which belongs in ${COMPOSITION_DIR}`);
          }
        }
      }
    }

    const calls = moduleCalls(tree).filter((call) => call.dir === dir);
    if (calls.length !== 1) {
      findings.push(`${dir}: has ${calls.length} module calls, expected exactly one to ${COMPOSITION_SOURCE}`);
    }
    for (const call of calls) {
      if (call.body.source !== COMPOSITION_SOURCE) {
        findings.push(`${call.file}: module ${call.name} calls ${call.body.source}, expected ${COMPOSITION_SOURCE}`);
      }
      if (call.file !== `${dir}/main.tf`) {
        findings.push(`${call.file}: module ${call.name} is declared outside main.tf`);
      }
      const providers = call.body.providers ?? {};
      if (address(providers.aws) !== 'aws' || address(providers['aws.us_east_1']) !== 'aws.us_east_1') {
        findings.push(`${call.file}: module ${call.name} does not pass providers aws and aws.us_east_1`);
      }
    }
  }
  return findings;
}

// Returns the addresses the composition module declares: module.NAME for
// its module calls and TYPE.NAME for its resources.
function compositionAddresses(tree) {
  const declared = new Set();
  for (const file of tree.files.filter((f) => f.dir === COMPOSITION_DIR)) {
    for (const name of Object.keys(file.json.module ?? {})) declared.add(`module.${name}`);
    for (const [type, byName] of Object.entries(file.json.resource ?? {})) {
      for (const name of Object.keys(byName)) declared.add(`${type}.${name}`);
    }
  }
  return declared;
}

// Checks that each root in migrated moves every address it held before the
// composition module existed to module.portal.<address>, and that every
// moved block in any environment root points at something modules/portal
// declares.
export function checkMovedBlocks(tree, migrated = ENVIRONMENTS_BEFORE_COMPOSITION) {
  const findings = [];
  const declared = compositionAddresses(tree);

  for (const dir of migrated.filter((d) => !environmentDirectories(tree).includes(d))) {
    findings.push(`${dir}: not found, but it is listed as applied before ${COMPOSITION_DIR} existed`);
  }

  for (const dir of environmentDirectories(tree)) {
    const moves = tree.files
      .filter((file) => file.dir === dir)
      .flatMap((file) => (file.json.moved ?? []).map((block) => ({ file: file.rel, from: address(block.from), to: address(block.to) })));

    for (const old of migrated.includes(dir) ? ADDRESSES_BEFORE_COMPOSITION : []) {
      const move = moves.find((m) => m.from === old);
      if (!move) {
        findings.push(`${dir}: no moved block for ${old}`);
      } else if (move.to !== `module.portal.${old}`) {
        findings.push(`${move.file}: moves ${old} to ${move.to}, expected module.portal.${old}`);
      }
    }

    for (const move of moves) {
      const target = move.to.replace(/^module\.portal\./, '');
      if (target === move.to || !declared.has(target)) {
        findings.push(`${move.file}: moves ${move.from} to ${move.to}, which ${COMPOSITION_DIR} does not declare`);
      }
    }
  }
  return findings;
}

// Returns, per environment root, the sorted argument names of its call to
// the composition module, so a test can check that every root sets the same
// inputs and none relies on a default the others override.
export function compositionInputs(tree) {
  const inputs = {};
  for (const dir of environmentDirectories(tree)) {
    const call = moduleCalls(tree).find((c) => c.dir === dir && c.body.source === COMPOSITION_SOURCE);
    inputs[dir] = call ? Object.keys(call.body).filter((key) => !['source', 'providers'].includes(key)).sort() : [];
  }
  return inputs;
}
