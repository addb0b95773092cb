// A small Dockerfile reader and the checks on the portal's images.

import { readFileSync } from 'node:fs';

const DIGEST = /@sha256:[0-9a-f]{64}$/;

// Parses a Dockerfile into instructions ({ keyword, argument, line }), with line
// continuations joined and comments dropped.
export function parseDockerfile(text) {
  const instructions = [];
  let pending = '';
  let startLine = 0;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trimEnd();
    if (pending === '' && (line.trim() === '' || line.trim().startsWith('#'))) return;
    if (pending !== '' && line.trim().startsWith('#')) return;
    if (pending === '') startLine = index + 1;
    if (line.endsWith('\\')) {
      pending += line.slice(0, -1) + ' ';
      return;
    }
    const joined = (pending + line).trim();
    pending = '';
    const space = joined.search(/\s/);
    instructions.push({
      keyword: (space === -1 ? joined : joined.slice(0, space)).toUpperCase(),
      argument: space === -1 ? '' : joined.slice(space + 1).trim(),
      line: startLine,
    });
  });
  return instructions;
}

// Splits instructions into stages: { name, base, line, instructions } per FROM, and
// the ARG defaults declared before the first FROM.
export function stagesOf(instructions) {
  const globalArgs = new Map();
  const stages = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const words = instruction.argument.split(/\s+/).filter((word) => !word.startsWith('--'));
      const asIndex = words.findIndex((word) => word.toUpperCase() === 'AS');
      stages.push({
        base: words[0],
        name: asIndex === -1 ? null : words[asIndex + 1],
        line: instruction.line,
        instructions: [],
      });
    } else if (stages.length === 0 && instruction.keyword === 'ARG') {
      const [name, ...value] = instruction.argument.split('=');
      globalArgs.set(name.trim(), value.join('=').replace(/^"|"$/g, ''));
    } else if (stages.length > 0) {
      stages.at(-1).instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

function expand(text, args) {
  return text.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (whole, name) => args.get(name) ?? whole);
}

export function loadDockerfile(path) {
  const text = readFileSync(path, 'utf8');
  return { path, text, ...stagesOf(parseDockerfile(text)) };
}

// Every FROM names an earlier stage, scratch, or an image pinned by digest (after the
// ARG defaults are substituted).
export function checkPinnedBases(dockerfile) {
  const findings = [];
  const earlier = new Set();
  for (const stage of dockerfile.stages) {
    const base = expand(stage.base, dockerfile.globalArgs);
    if (base !== 'scratch' && !earlier.has(base) && !DIGEST.test(base)) {
      findings.push(`line ${stage.line}: FROM ${base} is not pinned by digest`);
    }
    if (stage.name) earlier.add(stage.name);
  }
  return findings;
}

// The runtime stages: those that no other stage builds on or copies from, the images
// that the build targets produce.
export function runtimeStages(dockerfile) {
  const used = new Set();
  for (const stage of dockerfile.stages) {
    used.add(stage.base);
    for (const instruction of stage.instructions) {
      const from = instruction.argument.match(/--from=(\S+)/);
      if (instruction.keyword === 'COPY' && from) used.add(from[1]);
    }
  }
  return dockerfile.stages.filter((stage) => !used.has(stage.name));
}

function lastInstruction(stage, keyword) {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword).at(-1);
}

function isExecForm(argument) {
  try {
    const parsed = JSON.parse(argument);
    return Array.isArray(parsed) && parsed.length > 0 && parsed.every((item) => typeof item === 'string');
  } catch {
    return false;
  }
}

// Each runtime stage runs as a numeric, non-root user and starts in exec form, so that
// no shell sits between the runtime and the binary, which then receives SIGTERM itself.
export function checkRuntimeStages(dockerfile) {
  const findings = [];
  const stages = runtimeStages(dockerfile);
  if (stages.length === 0) findings.push('no runtime stage found');
  for (const stage of stages) {
    const label = stage.name ?? `stage at line ${stage.line}`;
    const user = lastInstruction(stage, 'USER');
    if (!user) {
      findings.push(`${label}: no USER`);
    } else if (!/^\d+(:\d+)?$/.test(user.argument)) {
      findings.push(`${label}: USER ${user.argument} is not numeric (use UID:GID)`);
    } else if (user.argument.split(':')[0] === '0') {
      findings.push(`${label}: USER ${user.argument} is root`);
    }
    const entrypoint = lastInstruction(stage, 'ENTRYPOINT');
    if (!entrypoint) {
      findings.push(`${label}: no ENTRYPOINT`);
    } else if (!isExecForm(entrypoint.argument)) {
      findings.push(`${label}: ENTRYPOINT is not in exec form (a JSON array)`);
    }
    const command = lastInstruction(stage, 'CMD');
    if (command && !isExecForm(command.argument)) {
      findings.push(`${label}: CMD is not in exec form (a JSON array)`);
    }
    const healthcheck = lastInstruction(stage, 'HEALTHCHECK');
    if (healthcheck && !/\bCMD\s+\[/.test(healthcheck.argument) && healthcheck.argument !== 'NONE') {
      findings.push(`${label}: HEALTHCHECK is not in exec form, and the images have no shell`);
    }
  }
  return findings;
}
