export const load = ({ locals }) => ({ origin: locals.deps.env.ORIGIN });
