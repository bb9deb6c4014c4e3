import { z } from 'zod';

export const signupInput = z.object({
	businessName: z
		.string()
		.trim()
		.min(1, 'Business name is required')
		.max(200, 'Business name must be at most 200 characters'),
	email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address')),
	password: z
		.string()
		.min(8, 'Password must be at least 8 characters')
		.max(128, 'Password must be at most 128 characters'),
});

export const loginInput = z.object({
	email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address')),
	password: z.string().min(1, 'Password is required'),
});
