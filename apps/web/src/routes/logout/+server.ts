import { type RequestHandler, redirect } from '@sveltejs/kit';
import { auth } from '#lib/server/runtime.ts';

export const POST: RequestHandler = async ({ request }) => {
	await auth().api.signOut({ headers: request.headers });
	redirect(303, '/login');
};
