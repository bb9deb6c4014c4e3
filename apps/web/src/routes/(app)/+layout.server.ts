import { error, redirect } from '@sveltejs/kit';
import { mailcatcherUrl } from '#lib/server/runtime.ts';

export const load = async ({ locals, url, route }) => {
	if (!locals.session || !locals.user) {
		// An address no page answers is not found for everyone, not a log-in prompt (root page).
		if (route.id === '/(app)/[...path=app_path]') error(404, 'Page not found');
		// The deep link survives the log-in (query included: a filtered list, a search).
		redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	}
	const business = await locals.trpc.settings.get();
	return { user: locals.user, business, mailcatcherUrl: mailcatcherUrl() };
};
