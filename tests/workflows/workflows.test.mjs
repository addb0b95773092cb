// Runs the workflow checks against .github/workflows, expecting no findings, and
// against tests/workflows/fixtures/broken/workflows, expecting each check to report
// the fixture's fault. Also checks that the three pipelines have the jobs they need.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import {
  checkConcurrency,
  checkJobLimits,
  checkNoAwsKeys,
  checkParses,
  checkPinnedActions,
  checkTopLevelPermissions,
  loadWorkflow,
  stepActions,
  stepScripts,
  workflowFiles,
} from './lib/workflows.mjs';

const testFolder = fileURLToPath(new URL('.', import.meta.url));
const workflowsFolder = join(testFolder, '..', '..', '.github', 'workflows');
const brokenFolder = join(testFolder, 'fixtures', 'broken', 'workflows');

const workflows = workflowFiles(workflowsFolder).map(loadWorkflow);
const byName = new Map(workflows.map((workflow) => [workflow.name, workflow]));
const broken = (name) => loadWorkflow(join(brokenFolder, name));

const checks = [
  ['parses as YAML with jobs', checkParses, 'invalid-yaml.yml', /invalid YAML/],
  ['pins every action by commit SHA', checkPinnedActions, 'unsafe.yml', /not pinned to a 40-character commit SHA/],
  ['holds no AWS access key', checkNoAwsKeys, 'unsafe.yml', /AWS access key id/],
  ['names no AWS key input or variable', checkNoAwsKeys, 'unsafe.yml', /names an AWS key/],
  ['grants no write access at the top', checkTopLevelPermissions, 'unsafe.yml', /grant write access/],
  ['sets timeout-minutes on every job', checkJobLimits, 'unsafe.yml', /has no timeout-minutes/],
  ['sets permissions on every job', checkJobLimits, 'unsafe.yml', /has no permissions/],
  ['has a concurrency group', checkConcurrency, 'unsafe.yml', /missing a concurrency group/],
];

test('workflow folder contains ci, infra and deploy', () => {
  for (const name of ['ci.yml', 'infra.yml', 'deploy.yml', 'deploy-environment.yml']) {
    assert.ok(byName.has(name), `.github/workflows/${name} is missing`);
  }
});

for (const [description, check, fixture, expected] of checks) {
  test(`workflows: ${description}`, () => {
    for (const workflow of workflows) {
      assert.deepEqual(check(workflow), [], `${workflow.name} fails "${description}"`);
    }
  });

  test(`broken fixture: ${description} catches ${fixture}`, () => {
    const findings = check(broken(fixture));
    assert.ok(
      findings.some((finding) => expected.test(finding)),
      `expected a finding matching ${expected} in ${fixture}, got ${JSON.stringify(findings)}`,
    );
  });
}

test('pinning check accepts local and rejects tag-only actions', () => {
  const workflow = {
    name: 'inline.yml',
    text: [
      'steps:',
      '  - uses: ./.github/actions/local',
      '  - uses: actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2',
      '  - uses: actions/checkout@v6',
      '  - uses: actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd',
      '  - uses: docker://alpine:3',
    ].join('\n'),
  };
  const findings = checkPinnedActions(workflow);
  assert.equal(findings.length, 3, JSON.stringify(findings));
  assert.match(findings[0], /:4: actions\/checkout@v6/);
  assert.match(findings[1], /:5: .* with a "# vX.Y.Z" comment/);
  assert.match(findings[2], /:6: docker:\/\/alpine:3 is not pinned by digest/);
});

test('ci runs tests/run beside the shared data', () => {
  const ci = byName.get('ci.yml').data;
  assert.ok(ci.on.push !== undefined, 'ci.yml must run on push');
  assert.ok(ci.on.pull_request !== undefined, 'ci.yml must run on pull_request');

  const testJob = ci.jobs.test;
  assert.ok(testJob, 'ci.yml has no test job');
  assert.match(stepScripts(testJob), /\.\/\.ci\/run|\.\/tests\/run/);
  const checkoutPaths = testJob.steps.filter((step) => String(step.uses).startsWith('actions/checkout@'))
    .map((step) => step.with?.path);
  assert.deepEqual(checkoutPaths, ['main', 'shared'], 'the portal must be in main/ and the shared data in shared/');

  const containers = ci.jobs.containers;
  assert.ok(containers, 'ci.yml has no containers job');
  assert.match(stepScripts(containers), /tests\/containers\/run/);
});

test('infra checks fmt, validate, tflint and checkov', () => {
  const infra = byName.get('infra.yml').data;
  const validate = infra.jobs.validate;
  assert.ok(validate, 'infra.yml has no validate job');
  assert.deepEqual([...validate.strategy.matrix.environment].sort(), ['production', 'staging']);
  const scripts = stepScripts(validate);
  assert.match(scripts, /terraform fmt -check/);
  assert.match(scripts, /terraform init -backend=false/);
  assert.match(scripts, /terraform validate/);

  assert.match(stepScripts(infra.jobs.tflint ?? {}), /\btflint\b/);
  const checkov = stepScripts(infra.jobs.checkov ?? {});
  assert.match(checkov, /checkov .*--check/s);
  assert.match(checkov, /tests\/terraform\/lib\/rules\.mjs/, 'checkov must take its checks from the Terraform policy tests');
});

test('deploy builds, scans and deploys from main', () => {
  const deploy = byName.get('deploy.yml').data;
  assert.deepEqual(deploy.on.push.branches, ['main']);
  assert.equal(deploy.concurrency['cancel-in-progress'], false, 'a release in progress must not be cancelled');

  const build = deploy.jobs.build;
  assert.ok(build, 'deploy.yml has no build job');
  assert.match(stepScripts(build), /docker build/);
  const scans = build.steps.filter((step) => String(step.uses).startsWith('aquasecurity/trivy-action@'));
  assert.equal(scans.length, 5, 'one trivy scan per image');
  for (const scan of scans) {
    assert.equal(scan.with.severity, 'HIGH,CRITICAL');
    assert.equal(String(scan.with['exit-code']), '1', 'a finding must fail the job');
  }

  assert.equal(deploy.jobs.staging.uses, './.github/workflows/deploy-environment.yml');
  assert.equal(deploy.jobs.production.uses, './.github/workflows/deploy-environment.yml');
  assert.equal(deploy.jobs.production.needs, 'staging', 'production follows a stable staging');
});

test('deploy-environment uses OIDC, renders and waits', () => {
  const workflow = byName.get('deploy-environment.yml').data;
  const job = workflow.jobs.deploy;
  assert.equal(job.permissions['id-token'], 'write', 'OIDC needs id-token: write');
  assert.equal(job.environment, undefined, 'an environment changes the OIDC subject that the role trusts');

  const credentials = job.steps.find((step) => String(step.uses).startsWith('aws-actions/configure-aws-credentials@'));
  assert.ok(credentials?.with?.['role-to-assume'], 'credentials must come from role-to-assume');

  const actions = stepActions(job);
  const renders = job.steps.filter((step) => String(step.uses).startsWith('aws-actions/amazon-ecs-render-task-definition@'));
  const deploys = job.steps.filter((step) => String(step.uses).startsWith('aws-actions/amazon-ecs-deploy-task-definition@'));
  assert.ok(actions.some((uses) => uses.startsWith('aws-actions/amazon-ecr-login@')));
  assert.deepEqual(renders.map((step) => step.with['container-name']), ['audit', 'registration', 'admin', 'gateway']);
  assert.deepEqual(deploys.map((step) => step.with.service), ['audit', 'registration', 'admin', 'gateway']);
  for (const render of renders) {
    assert.match(render.with.image, /steps\.push\.outputs\./, 'the image must be the pushed digest');
  }
  for (const step of deploys) {
    assert.equal(step.with['wait-for-service-stability'], true);
  }
  const rollbackChecks = job.steps.filter((step) => /check-deployment/.test(step.run ?? ''));
  assert.equal(rollbackChecks.length, 4, 'each deployment is checked for a rollback');
  assert.match(stepScripts(job), /RepoDigests/, 'the push step must record the image digests');
});
