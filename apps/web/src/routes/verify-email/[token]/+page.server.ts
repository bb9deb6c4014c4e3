import { verificationOutcomeMessage } from '@rapport/api/domain';
import { confirmEmailVerification } from '@rapport/api/use-cases';
import { apiDeps } from '#lib/server/runtime.ts';

// Works signed in or not: the token in the link is the proof of owning the address.
export const load = async ({ locals, params, setHeaders }) => {
	const outcome = await confirmEmailVerification(apiDeps(), params.token);
	setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' });
	return {
		verified: outcome.status === 'verified',
		message: verificationOutcomeMessage(outcome),
		signedIn: !!locals.session,
	};
};
