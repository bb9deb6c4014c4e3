/**
 * Whether a failed SMTP attempt is worth retrying. 5xx replies (unknown recipient, rejected
 * content) and bad credentials will fail the same way again; connection problems and 4xx
 * replies (greylisting, mailbox busy) usually pass later.
 */
export interface SmtpFailure {
	permanent: boolean;
	reason: string;
}

const PERMANENT_CODES = new Set(['EAUTH', 'EENVELOPE', 'EMESSAGE']);

export function classifySmtpError(error: unknown): SmtpFailure {
	const e = (typeof error === 'object' && error !== null ? error : {}) as {
		responseCode?: number;
		code?: string;
		response?: string;
		message?: string;
	};
	const detail = (e.response ?? e.message ?? String(error)).trim();
	if (typeof e.responseCode === 'number') {
		if (e.responseCode >= 500)
			return { permanent: true, reason: `The mail server refused the email: ${detail}` };
		if (e.responseCode >= 400)
			return { permanent: false, reason: `The mail server asked to try later: ${detail}` };
	}
	if (e.code && PERMANENT_CODES.has(e.code) && e.code !== 'EENVELOPE') {
		return { permanent: true, reason: `The mail server refused the email: ${detail}` };
	}
	return { permanent: false, reason: `Could not reach the mail server: ${detail}` };
}
