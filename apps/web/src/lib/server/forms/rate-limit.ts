import { createMicroBatcher } from '@rapport/api/jobs';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface FormRateLimiter {
	/** Seconds to wait when the IP or the form key is over its limit, otherwise null. */
	consume(formKey: string, ip: string): Promise<number | null>;
}

/** One counter's state after a batch took its points: what was used before, and for how long. */
export interface Counter {
	before: number;
	limit: number;
	waitSeconds: number;
}

/**
 * Which requests of a batch pass, in arrival order, as if they had come one by one: an IP's
 * first requests up to its limit; then, among those, a form key's first up to its limit. A
 * request stopped by its IP does not use the key's budget, so a noisy IP cannot use up a form
 * for everyone (`keyPointsBack` says how many points to give back to each key).
 */
export function allocate(
	requests: readonly { formKey: string; ip: string }[],
	ipCounters: ReadonlyMap<string, Counter>,
	keyCounters: ReadonlyMap<string, Counter>,
) {
	const ipUsed = new Map<string, number>();
	const keyUsed = new Map<string, number>();
	const keyPointsBack = new Map<string, number>();
	const waits = requests.map(({ formKey, ip }) => {
		const byIp = ipCounters.get(ip)!;
		const ipCount = (ipUsed.get(ip) ?? 0) + 1;
		ipUsed.set(ip, ipCount);
		if (byIp.before + ipCount > byIp.limit) {
			keyPointsBack.set(formKey, (keyPointsBack.get(formKey) ?? 0) + 1);
			return byIp.waitSeconds;
		}
		const byKey = keyCounters.get(formKey)!;
		const keyCount = (keyUsed.get(formKey) ?? 0) + 1;
		keyUsed.set(formKey, keyCount);
		return byKey.before + keyCount > byKey.limit ? byKey.waitSeconds : null;
	});
	return { waits, keyPointsBack };
}

/** Takes `points` at once; the counter as it was before them. */
async function take(limiter: RateLimiterRedis, key: string, points: number): Promise<Counter> {
	const res = await limiter.consume(key, points).catch((error: unknown) => {
		if (error instanceof RateLimiterRes) return error;
		throw error;
	});
	return {
		before: res.consumedPoints - points,
		limit: limiter.points,
		waitSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
	};
}

async function takeAll(limiter: RateLimiterRedis, keys: readonly string[]) {
	const counts = new Map<string, number>();
	for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
	const taken = await Promise.all(
		[...counts].map(async ([key, n]) => [key, await take(limiter, key, n)] as const),
	);
	return new Map(taken);
}

/**
 * Submissions per minute per client IP and per form key, counted in Redis so every web process
 * shares the counts. Requests of one turn of the event loop are counted together: one
 * counter update per distinct IP and key instead of two per request, the endpoint's largest
 * cost under a burst. Redis down → the promise rejects (the endpoint answers 503).
 */
export function createFormRateLimiter(
	redis: Redis,
	limits: { perIpPerMin: number; perKeyPerMin: number },
): FormRateLimiter {
	const common = { storeClient: redis, duration: 60, rejectIfRedisNotReady: true };
	const byIp = new RateLimiterRedis({
		...common,
		keyPrefix: 'rapport:form-ip',
		points: limits.perIpPerMin,
	});
	const byKey = new RateLimiterRedis({
		...common,
		keyPrefix: 'rapport:form-key',
		points: limits.perKeyPerMin,
	});
	const batcher = createMicroBatcher<{ formKey: string; ip: string }, number | null>({
		maxSize: 1000,
		maxWaitMs: 0,
		flush: async (requests) => {
			const [ipCounters, keyCounters] = await Promise.all([
				takeAll(
					byIp,
					requests.map((r) => r.ip),
				),
				takeAll(
					byKey,
					requests.map((r) => r.formKey),
				),
			]);
			const { waits, keyPointsBack } = allocate(requests, ipCounters, keyCounters);
			await Promise.all([...keyPointsBack].map(([formKey, n]) => byKey.reward(formKey, n)));
			return waits;
		},
	});
	return { consume: (formKey, ip) => batcher.add({ formKey, ip }) };
}
