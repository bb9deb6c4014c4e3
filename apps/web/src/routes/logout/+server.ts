import { type RequestHandler, redirect } from '@sveltejs/kit';

export const POST: RequestHandler = async ({ request, locals: { deps } }) => {
	await deps.auth.api.signOut({ headers: request.headers });
	redirect(303, '/login');
};
