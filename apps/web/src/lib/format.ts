/** Dates in the viewer's locale; a fixed style keeps server and browser renders identical. */
export function formatDateTime(value: Date | string): string {
	return new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(
		new Date(value),
	);
}

export function formatDate(value: Date | string): string {
	return new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date(value));
}
