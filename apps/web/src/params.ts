import type { ParamMatcher } from '@sveltejs/kit/params';

// Paths that are not pages of the dashboard: machines and the public pages answer their own
// 404 (plain text, JSON, or the public layout), never a log-in redirect or the app frame.
const NOT_APP = /^(api|i|forms|healthz|_app)(\/|$)/;

/** A path for the dashboard's own "Page not found" (inside the app frame). */
const appPath: ParamMatcher<string> = {
	'~standard': {
		version: 1,
		vendor: 'rapport',
		validate: (value) =>
			typeof value === 'string' && !NOT_APP.test(value)
				? { value }
				: { issues: [{ message: 'not a dashboard path' }] },
	},
};

export const params = { app_path: appPath };
