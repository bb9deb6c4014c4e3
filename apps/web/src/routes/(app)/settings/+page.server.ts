import { origin } from '#lib/server/runtime.ts';

export const load = async ({ locals }) => {
	const [quarantine, heldEmails, failedJobs] = await Promise.all([
		locals.trpc.forms.quarantine.list({}),
		locals.trpc.inboundEmail.quarantine(),
		locals.trpc.failedJobs.list(),
	]);
	return { origin: origin(), quarantine, heldEmails, failedJobs };
};
