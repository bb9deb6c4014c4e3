export const load = async ({ locals }) => {
	const [quarantine, heldEmails, failedJobs] = await Promise.all([
		locals.trpc.forms.quarantine.list({}),
		locals.trpc.inboundEmail.quarantine(),
		locals.trpc.failedJobs.list(),
	]);
	return { origin: locals.deps.env.ORIGIN, quarantine, heldEmails, failedJobs };
};
