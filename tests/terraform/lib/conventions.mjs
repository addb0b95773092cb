// Module conventions: the four files and a README in every module, a type
// and description on every variable, a description on every output, and
// constrained versions of Terraform and the AWS provider.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const REQUIRED_FILES = ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf', 'README.md'];

export function moduleDirectories(root) {
  const modules = join(root, 'modules');
  if (!existsSync(modules)) return [];
  return readdirSync(modules).map((name) => `modules/${name}`);
}

export function checkModuleFiles(root) {
  const findings = [];
  for (const dir of moduleDirectories(root)) {
    for (const file of REQUIRED_FILES) {
      if (!existsSync(join(root, dir, file))) findings.push(`${dir}: ${file} is missing`);
    }
  }
  return findings;
}

export function checkVariablesAndOutputs(tree) {
  const findings = [];
  for (const file of tree.files) {
    for (const [name, bodies] of Object.entries(file.json.variable ?? {})) {
      const body = bodies[0];
      if (!body.description) findings.push(`${file.rel}: variable ${name} has no description`);
      if (!body.type) findings.push(`${file.rel}: variable ${name} has no type`);
      if (body.type === '${any}') findings.push(`${file.rel}: variable ${name} is typed any`);
    }
    for (const [name, bodies] of Object.entries(file.json.output ?? {})) {
      if (!bodies[0].description) findings.push(`${file.rel}: output ${name} has no description`);
    }
  }
  return findings;
}

// Checks every directory that declares required_providers: Terraform must be
// >= 1.6 and hashicorp/aws pinned to the 5.x series.
export function checkVersions(tree) {
  const findings = [];
  const terraformBlocks = tree.files.flatMap((file) => (file.json.terraform ?? []).map((block) => ({ file, block })));
  for (const { file, block } of terraformBlocks) {
    const providers = block.required_providers?.[0] ?? null;
    if (!providers) continue;
    if (!/^>=\s*1\.(6|[7-9]|\d\d)/.test(block.required_version ?? '')) findings.push(`${file.rel}: required_version is not >= 1.6`);
    const aws = providers.aws;
    if (!aws || !/^~>\s*5\.\d+/.test(aws.version ?? '')) findings.push(`${file.rel}: hashicorp/aws is not constrained to ~> 5.x`);
  }
  return findings;
}
