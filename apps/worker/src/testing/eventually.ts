/** Polls `check` until it returns a truthy value (returned) or the time is up. */
export async function eventually<T>(
	check: () => Promise<T | undefined | null | false>,
	timeoutMs = 15_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 100));
	}
}
