import { redirect } from '@sveltejs/kit';
import { mailcatcherUrl } from '#lib/server/runtime.ts';

export const load = async ({ locals, url }) => {
	if (!locals.session || !locals.user) {
		redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	}
	const business = await locals.trpc.settings.get();
	return { user: locals.user, business, mailcatcherUrl: mailcatcherUrl() };
};
