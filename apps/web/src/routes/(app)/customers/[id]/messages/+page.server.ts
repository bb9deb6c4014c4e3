export const load = async ({ locals, params, depends }) => {
	depends('app:live');
	const messages = await locals.trpc.messages.list({ customerId: params.id, limit: 30 });
	// Opening the tab reads the conversation.
	await locals.trpc.messages.markRead({ customerId: params.id });
	return { messages };
};
