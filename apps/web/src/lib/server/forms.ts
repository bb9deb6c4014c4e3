import { error } from '@sveltejs/kit';
import type { z } from 'zod';
import { z as zod } from 'zod';

export type FormErrors = Record<string, string[] | undefined>;

/**
 * The submitted form of an action. `request.formData()` throws on a malformed body (a broken
 * multipart boundary, a wrong content type); that is the client's mistake, so it is a 400 with
 * a plain reason, never a 500.
 */
export async function readForm(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch {
		error(400, 'The form could not be read. Reload the page and try again.');
	}
}

/** Parses a submitted form with a zod schema into either data or per-field messages. */
export function parseForm<S extends z.ZodType>(
	schema: S,
	form: FormData,
): { data: z.output<S>; errors?: undefined } | { data?: undefined; errors: FormErrors } {
	const raw = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string'));
	const parsed = schema.safeParse(raw);
	if (parsed.success) return { data: parsed.data };
	return { errors: zod.flattenError(parsed.error).fieldErrors as FormErrors };
}
