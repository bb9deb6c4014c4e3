import { NotFoundError } from '@rapport/api/domain';
import { customerImportReport } from '@rapport/api/use-cases';
import { error, type RequestHandler } from '@sveltejs/kit';
import { apiDeps } from '#lib/server/runtime.ts';

/** The rows an import did not take, with reasons (CSV, spreadsheet-safe cells). */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.session) error(401, 'Please log in.');
	const report = await customerImportReport(apiDeps(), locals.session, {
		id: params.id ?? '',
	}).catch((cause: unknown) => {
		if (cause instanceof NotFoundError) error(404, 'Import not found');
		throw cause;
	});
	const ascii = report.fileName.replace(/[^\w. -]+/g, '_');
	return new Response(report.csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(report.fileName)}`,
			'cache-control': 'private, no-store',
		},
	});
};
