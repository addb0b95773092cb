// Client for the portal's public HTTP API. Each call returns an outcome object instead of
// throwing, so that the page can show a calm message for every failure.

const REQUEST_TIMEOUT_MS = 30000;

let apiBaseUrl = '';

// Returns whether a status leaves the outcome open, so the same request may be sent again:
// 408, 429 and every 5xx, because a proxy may return 5xx after the gateway acted.
function isRetryable(status) {
  return status === 408 || status === 429 || status >= 500;
}

// Loads config.json, which sits beside the page, so one build serves every environment.
// An empty api_base_url means the API is on the page's own origin.
export async function loadConfig() {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json returned HTTP ${response.status}`);
  const config = await response.json();
  const base = typeof config.api_base_url === 'string' ? config.api_base_url : '';
  apiBaseUrl = base.replace(/\/+$/, '');
  return { apiBaseUrl, jurisdiction: typeof config.jurisdiction === 'string' ? config.jurisdiction : 'GB' };
}

async function readProblem(response) {
  try {
    const type = response.headers.get('Content-Type') ?? '';
    if (!type.includes('json')) return null;
    return await response.json();
  } catch {
    return null;
  }
}

function retryAfterSeconds(response) {
  const value = response.headers.get('Retry-After');
  if (!value) return null;
  if (/^[0-9]+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

// Sends a request with a deadline. Returns { response } or { networkError }.
async function send(path, init) {
  try {
    const response = await fetch(`${apiBaseUrl}${path}`, {
      ...init,
      credentials: 'omit',
      cache: 'no-store',
      signal: init.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return { response };
  } catch (error) {
    if (error.name === 'AbortError' && init.signal?.aborted) throw error;
    return { networkError: error };
  }
}

// Submits a registration. bodyText is the JSON text of the request body, so that a resend
// with the same Idempotency-Key carries exactly the bytes sent before. Returns one of these
// outcomes (kind):
//   created     { registration: { reference, status, submitted_at, receipt_token }, replayed }
//   invalid     { errors: [{ field, message }], problem }    422
//   name-taken  { problem }                                  409
//   retryable   { status, retryAfter, problem }              408, 429, every 5xx, network failure
//   failed      { status, problem }                          anything else, such as 400
export async function submitRegistration(bodyText, idempotencyKey) {
  const { response, networkError } = await send('/api/v1/registrations', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey, Accept: 'application/json' },
    body: bodyText,
  });
  if (networkError) return { kind: 'retryable', status: null, retryAfter: null, problem: null, networkError };

  if (response.status === 201) {
    try {
      const registration = await response.json();
      return { kind: 'created', registration, replayed: response.headers.get('Idempotent-Replayed') === 'true' };
    } catch (error) {
      // The registration exists but its receipt was lost on the way. A retry with the same
      // Idempotency-Key returns the same receipt again.
      return { kind: 'retryable', status: null, retryAfter: null, problem: null, networkError: error };
    }
  }
  const problem = await readProblem(response);
  if (response.status === 422) {
    return { kind: 'invalid', errors: Array.isArray(problem?.errors) ? problem.errors : [], problem };
  }
  if (response.status === 409) return { kind: 'name-taken', problem };
  if (isRetryable(response.status)) {
    return { kind: 'retryable', status: response.status, retryAfter: retryAfterSeconds(response), problem };
  }
  return { kind: 'failed', status: response.status, problem };
}

// Looks up whether a proposed name is free. Returns { kind: 'result', available, reason }
// or { kind: 'unknown' } when the lookup failed. Throws AbortError when signal aborts.
export async function checkNameAvailability(name, signal) {
  const query = new URLSearchParams({ name });
  const { response, networkError } = await send(`/api/v1/names/availability?${query}`, {
    method: 'GET',
    headers: { Accept: 'application/json' },
    signal,
  });
  if (networkError || !response.ok) return { kind: 'unknown' };
  const result = await response.json();
  return { kind: 'result', available: result.available === true, reason: result.reason ?? '' };
}

// Fetches a registration's status with its receipt token. Returns one of:
//   found      { registration }
//   not-found  {}                     404: wrong reference or wrong token, not distinguished
//   retryable  { status, retryAfter }
//   failed     { status, problem }
export async function fetchRegistrationStatus(reference, receiptToken) {
  const { response, networkError } = await send(`/api/v1/registrations/${encodeURIComponent(reference)}`, {
    method: 'GET',
    headers: { Authorization: `Bearer ${receiptToken}`, Accept: 'application/json' },
  });
  if (networkError) return { kind: 'retryable', status: null, retryAfter: null };
  if (response.ok) return { kind: 'found', registration: await response.json() };
  if (response.status === 404) return { kind: 'not-found' };
  if (isRetryable(response.status)) {
    return { kind: 'retryable', status: response.status, retryAfter: retryAfterSeconds(response) };
  }
  return { kind: 'failed', status: response.status, problem: await readProblem(response) };
}
