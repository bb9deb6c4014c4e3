import { exportCustomers } from '@rapport/api/use-cases';
import { error, type RequestHandler } from '@sveltejs/kit';
import { csvFormat, csvResponse } from '#lib/server/csv-response.ts';
import { apiDeps } from '#lib/server/runtime.ts';

// Endpoints skip the (app) layout's log-in redirect: the session is checked here.
export const GET: RequestHandler = async ({ locals, url }) => {
	if (!locals.session) error(401, 'Please log in.');
	const { filename, body } = await exportCustomers(apiDeps(), locals.session, {
		format: csvFormat(url),
	});
	return csvResponse(filename, body);
};
