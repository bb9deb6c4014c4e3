import type { z } from 'zod';
import { z as zod } from 'zod';

export type FormErrors = Record<string, string[] | undefined>;

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
