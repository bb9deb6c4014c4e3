import { origin } from '#lib/server/runtime.ts';

export const load = async ({ locals }) => {
	const [quarantine, heldEmails, failedJobs, payments] = await Promise.all([
		locals.trpc.forms.quarantine.list({}),
		locals.trpc.inboundEmail.quarantine(),
		locals.trpc.failedJobs.list(),
		locals.trpc.paymentSettings.view(),
	]);
	return { origin: origin(), quarantine, heldEmails, failedJobs, payments };
};
