// Keeps the unfinished registration in localStorage so that a reload or a return visit
// resumes at the same step. Nothing here is sent anywhere. The receipt token is never
// stored: a successful submission clears the draft.

const DRAFT_KEY = 'company-registration:draft';
const DRAFT_VERSION = 1;

// Returns the stored draft { answers, step, idempotencyKey } or null.
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

export function saveDraft({ answers, step, idempotencyKey }) {
  const draft = { version: DRAFT_VERSION, savedAt: new Date().toISOString(), step, answers, idempotencyKey };
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
