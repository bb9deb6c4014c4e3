export const load = async ({ locals }) => {
	const [quarantine, heldEmails] = await Promise.all([
		locals.trpc.forms.quarantine.list({}),
		locals.trpc.inboundEmail.quarantine(),
	]);
	return { origin: locals.deps.env.ORIGIN, quarantine, heldEmails };
};
