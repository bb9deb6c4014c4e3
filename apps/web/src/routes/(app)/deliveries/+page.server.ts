export const load = async ({ locals }) => ({ failed: await locals.trpc.deliveries.failed() });
