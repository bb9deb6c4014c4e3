export const load = async ({ locals, params, depends }) => {
	depends('app:live');
	// Read only: the page marks the conversation read once it shows it (messages.markRead).
	return { messages: await locals.trpc.messages.list({ customerId: params.id, limit: 30 }) };
};
