// Keeps the unfinished registration in localStorage so that a reload or a return visit
// resumes at the same step. Nothing here is sent anywhere except unconfirmedBody, which
// the page sends again only with its own Idempotency-Key. The receipt token is never
// stored: a successful submission clears the draft.

const DRAFT_KEY = 'company-registration:draft';
const DRAFT_VERSION = 1;

// Returns the stored draft or null. A draft contains:
//   answers          the form's answers (see answers.js)
//   step             id of the step on screen
//   reachedReview    whether the applicant has seen "Check your answers"
//   idempotencyKey   the key of this registration's submissions, or null before the first
//   unconfirmedBody  JSON text last sent with idempotencyKey while the outcome of that
//                    request is unknown (in flight, network failure, 429 or 5xx), else null
export function loadDraft() {
  try {
    const text = window.localStorage.getItem(DRAFT_KEY);
    if (!text) return null;
    const draft = JSON.parse(text);
    if (draft?.version !== DRAFT_VERSION || typeof draft.answers !== 'object') return null;
    return draft;
  } catch (error) {
    console.warn('Saved answers could not be read, so the form starts empty:', error);
    return null;
  }
}

export function saveDraft({ answers, step, reachedReview, idempotencyKey, unconfirmedBody }) {
  const draft = {
    version: DRAFT_VERSION,
    savedAt: new Date().toISOString(),
    step,
    reachedReview,
    answers,
    idempotencyKey,
    unconfirmedBody,
  };
  try {
    window.localStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
    return true;
  } catch (error) {
    // Storage can be full or disabled; the form still works, only without resuming.
    console.warn('Answers could not be saved in this browser:', error);
    return false;
  }
}

export function clearDraft() {
  try {
    window.localStorage.removeItem(DRAFT_KEY);
  } catch (error) {
    console.warn('Saved answers could not be removed:', error);
  }
}
