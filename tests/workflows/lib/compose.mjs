// Checks of deploy/compose.yaml: pinned images, and the ECS task definitions' limits on
// every portal container.

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const DIGEST = /@sha256:[0-9a-f]{64}$/;

// Compose files use YAML merge keys (<<:), which the yaml package applies only when asked.
export function loadCompose(path) {
  return parse(readFileSync(path, 'utf8'), { merge: true });
}

// A portal service is one built from the portal's Dockerfile.
function isPortalService(service) {
  return typeof service?.build === 'object' && /deploy\/docker\/Dockerfile$/.test(service.build.dockerfile ?? '');
}

export function checkComposeImages(compose) {
  const findings = [];
  for (const [name, service] of Object.entries(compose?.services ?? {})) {
    if (isPortalService(service)) continue;
    if (!DIGEST.test(service?.image ?? '')) {
      findings.push(`service ${name}: image ${service?.image} is not pinned by digest`);
    }
  }
  return findings;
}

export function checkComposeLimits(compose) {
  const findings = [];
  const services = Object.entries(compose?.services ?? {}).filter(([, service]) => isPortalService(service));
  if (services.length === 0) findings.push('no service is built from deploy/docker/Dockerfile');
  for (const [name, service] of services) {
    if (service.user !== '10001:10001') findings.push(`service ${name}: user is ${service.user}, expected 10001:10001`);
    if (service.read_only !== true) findings.push(`service ${name}: read_only is not true`);
    const tmpfs = [].concat(service.tmpfs ?? []);
    if (!tmpfs.some((entry) => String(entry).split(':')[0] === '/tmp')) {
      findings.push(`service ${name}: no tmpfs on /tmp`);
    }
    if (!(service.cap_drop ?? []).includes('ALL')) findings.push(`service ${name}: capabilities are not dropped`);
    const test = service.healthcheck?.test;
    if (service.healthcheck && (!Array.isArray(test) || test[0] !== 'CMD')) {
      findings.push(`service ${name}: the health check must use the exec form ["CMD", ...], as the image has no shell`);
    }
  }
  return findings;
}
