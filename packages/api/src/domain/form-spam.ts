/** Humans take longer than this to fill in a contact form; faster means a script posted it. */
export const MIN_FILL_MS = 3_000;

/**
 * Why a submission looks like spam, or null. `startedAt` is the visitor's own clock (set by the
 * snippet when the page loaded), `acceptedAt` ours: a visitor clock running ahead makes the gap
 * look negative, which proves nothing, so only a small non-negative gap counts as too fast.
 * (The honeypot is not here: a filled `_gotcha` is dropped by the endpoint, never quarantined.)
 */
export function spamReason(
	submission: { startedAt: number | null },
	acceptedAt: Date,
	minFillMs = MIN_FILL_MS,
): string | null {
	if (submission.startedAt === null) return null;
	const elapsed = acceptedAt.getTime() - submission.startedAt;
	if (elapsed < 0 || elapsed >= minFillMs) return null;
	return `Sent ${(elapsed / 1000).toFixed(1)} s after the form was opened (people take at least ${minFillMs / 1000} s)`;
}
