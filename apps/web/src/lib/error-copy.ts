/** What an error page says: a title, a heading, a plain explanation, and where to go back. */
export interface ErrorCopy {
	title: string;
	heading: string;
	explanation: string;
}

// SvelteKit's own messages for its 404/500 ("Not Found", "Internal Error") read like codes.
const GENERIC = new Set(['Not Found', 'Internal Error', 'Error']);

export function errorCopy(status: number, message: string | undefined): ErrorCopy {
	const specific = message && !GENERIC.has(message) ? message : null;
	if (status === 404) {
		const heading = specific ?? 'Page not found';
		return {
			title: heading,
			heading,
			explanation:
				'There is nothing at this address, or it belongs to another account. Check the link, or go back to your list.',
		};
	}
	if (status >= 500) {
		return {
			title: 'Something went wrong',
			heading: 'Something went wrong',
			explanation:
				'This page could not be shown because of a problem on our side. Nothing you entered was changed; try again in a moment.',
		};
	}
	const heading = specific ?? 'This page cannot be shown';
	return {
		title: heading,
		heading,
		explanation: 'Go back and try again; if it keeps happening, start from your list.',
	};
}

/** The list a dashboard error page leads back to: the one the address was under. */
export function backTo(pathname: string): { href: string; label: string } {
	if (pathname.startsWith('/invoices')) return { href: '/invoices', label: 'Back to Invoices' };
	if (pathname.startsWith('/deliveries'))
		return { href: '/deliveries', label: 'Back to Deliveries' };
	if (pathname.startsWith('/settings')) return { href: '/settings', label: 'Back to Settings' };
	return { href: '/customers', label: 'Back to Customers' };
}
