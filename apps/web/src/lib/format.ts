/** Dates in a fixed style so server and browser renders are identical. */
export function formatDateTime(value: Date | string): string {
	return new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(
		new Date(value),
	);
}

/** Calendar dates ('YYYY-MM-DD') are read in UTC so no time zone shifts them by a day. */
export function formatDate(value: Date | string): string {
	const calendar = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
	return new Intl.DateTimeFormat('en', {
		dateStyle: 'medium',
		...(calendar ? { timeZone: 'UTC' } : {}),
	}).format(new Date(value));
}
