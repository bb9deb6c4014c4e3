import { reportUnexpected } from '@rapport/api';
import {
	FieldValidationError,
	isOutageError,
	RateLimitedError,
	ServiceUnavailableError,
	UnauthorizedError,
} from '@rapport/api/domain';
import { json } from '@sveltejs/kit';

// The automated messages API's answers: always JSON `{ error }` (plus `fieldErrors` for a 400),
// so an integration can show the reason as it is. The one place its errors become statuses.

export const apiError = (status: number, error: string, headers?: Record<string, string>) =>
	json({ error }, { status, headers });

export function apiErrorResponse(
	error: unknown,
	log: { error(details: Record<string, unknown>, message: string): void },
): Response {
	if (error instanceof UnauthorizedError) {
		return apiError(401, error.message, { 'www-authenticate': 'Bearer realm="rapport"' });
	}
	if (error instanceof FieldValidationError) {
		return json(
			{ error: 'The request body has invalid fields.', fieldErrors: error.fieldErrors },
			{ status: 400 },
		);
	}
	if (error instanceof RateLimitedError) {
		return apiError(429, error.message, { 'retry-after': String(error.retryAfterSeconds) });
	}
	if (error instanceof ServiceUnavailableError || isOutageError(error)) {
		return apiError(503, 'The service is unavailable; nothing was sent. Retry later.', {
			'retry-after': '5',
		});
	}
	return apiError(500, reportUnexpected(log, error, { path: '/api/v1/messages' }).message);
}
