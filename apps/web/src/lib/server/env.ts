import { parseEncryptionKey } from '@rapport/api/payments';
import { z } from 'zod';

const encryptionKey = z
	.string({ error: 'is required: 32 random bytes as base64 (`openssl rand -base64 32`)' })
	.superRefine((value, ctx) => {
		try {
			parseEncryptionKey(value);
		} catch (error) {
			ctx.addIssue({ code: 'custom', message: (error as Error).message });
		}
	});

const schema = z.object({
	DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
	REDIS_URL: z.url({ protocol: /^rediss?$/ }),
	ORIGIN: z.url().default('http://localhost:3000'),
	MAIL_FROM: z.string().default('Rapport <no-reply@localhost>'),
	BETTER_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters'),
	INBOUND_EMAIL_SECRET: z.string().min(16, 'must be at least 16 characters'),
	/** Domain of the per-business inbound addresses; defaults to ORIGIN's host (see loadEnv). */
	INBOUND_EMAIL_DOMAIN: z
		.string()
		.regex(/^[a-z0-9.-]+$/i, 'must be a domain name such as mail.example.com')
		.optional(),
	/** Encrypts the payment providers' secrets stored per business (Settings → Payments). */
	PAYMENTS_ENCRYPTION_KEY: encryptionKey,
	/** Another Stripe API host (a local fake in tests); Stripe's own when unset. */
	STRIPE_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).optional(),
	/** The local mail catcher's inbox (set by `npm start`); see mail-inbox.ts. */
	MAILCATCHER_URL: z.url().optional(),
	/** Read only to tell whether mail goes to that local catcher; the worker sends it. */
	SMTP_URL: z.string().optional(),
	TRIAL_DAYS: z.coerce.number().int().min(0).default(14),
	LOGIN_ATTEMPTS_PER_15_MIN: z.coerce.number().int().min(1).default(10),
	/** Contact-form submissions accepted per minute from one client IP / for one form key. */
	FORM_RATE_PER_IP_PER_MIN: z.coerce.number().int().min(1).default(20),
	FORM_RATE_PER_KEY_PER_MIN: z.coerce.number().int().min(1).default(600),
	/** Automated messages API requests accepted per minute for one API key. */
	API_RATE_PER_KEY_PER_MIN: z.coerce.number().int().min(1).default(60),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
});

export type WebEnv = z.infer<typeof schema> & { INBOUND_EMAIL_DOMAIN: string };

/** The only reader of process.env in the web app. Fails with one line naming the variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): WebEnv {
	const parsed = schema.safeParse(source);
	if (parsed.success)
		return {
			...parsed.data,
			INBOUND_EMAIL_DOMAIN: (
				parsed.data.INBOUND_EMAIL_DOMAIN ?? new URL(parsed.data.ORIGIN).hostname
			).toLowerCase(),
		};
	const issue = parsed.error.issues[0]!;
	throw new Error(`Invalid configuration: ${String(issue.path[0])} ${issue.message}`);
}
