export * from './prepare-password-reset-email.ts';
export * from './queue-password-reset-email.ts';
export * from './sign-up.ts';
