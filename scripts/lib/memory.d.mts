export function memoryBudgetMb(env?: NodeJS.ProcessEnv): number;
export function memoryNodeArgs(env?: NodeJS.ProcessEnv): string[];
export function rssMb(pid: number): Promise<number>;
export function rssSampler(
	pid: number,
	everyMs?: number,
): { now(): Promise<number>; start(): void; stop(): number };
