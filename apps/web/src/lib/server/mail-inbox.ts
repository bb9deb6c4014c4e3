const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

const isLoopback = (url: string | undefined) => {
	try {
		return url !== undefined && LOOPBACK.has(new URL(url).hostname);
	} catch {
		return false;
	}
};

/**
 * The sidebar's "Mail inbox" link: the local mail catcher that `npm start` runs when no SMTP_URL
 * is given (it sets MAILCATCHER_URL). Shown only while mail really goes to a catcher on this
 * machine: a MAILCATCHER_URL left over in the shell next to a real SMTP server, or pointing
 * elsewhere, links nowhere useful. MailDev 3 lists mail only at its root: `/index.html` is taken
 * as a base path and stays on "Loading…", so that is trimmed off.
 */
export function mailInboxUrl(env: { MAILCATCHER_URL?: string; SMTP_URL?: string }): string | null {
	const { MAILCATCHER_URL: catcher, SMTP_URL: smtp } = env;
	if (!catcher || !isLoopback(catcher) || !isLoopback(smtp)) return null;
	const url = new URL(catcher);
	url.pathname = url.pathname.replace(/\/index\.html?$/i, '/');
	url.search = '';
	url.hash = '';
	return url.href;
}
