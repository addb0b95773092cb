// Formatting shared by the receipt and the status page.

const STATUS_LABELS = {
  SUBMITTED: 'Submitted',
  IN_REVIEW: 'In review',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
};

export function statusLabel(status) {
  return STATUS_LABELS[status] ?? String(status ?? 'Unknown');
}

// Returns a <time> element showing an RFC 3339 timestamp in UTC, such as
// "4 December 2026 at 19:07 UTC".
export function formatTimestamp(timestamp) {
  const time = document.createElement('time');
  time.dateTime = timestamp ?? '';
  const date = new Date(timestamp);
  time.textContent = Number.isNaN(date.getTime())
    ? String(timestamp ?? '')
    : `${new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC`;
  return time;
}
