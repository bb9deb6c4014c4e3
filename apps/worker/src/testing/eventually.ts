import { vi } from 'vitest';

/** Polls `check` until it returns a truthy value (returned) or the time is up. */
export const eventually = <T>(check: () => Promise<T>, timeoutMs = 15_000) =>
	vi.waitUntil(check, { timeout: timeoutMs, interval: 100 });
