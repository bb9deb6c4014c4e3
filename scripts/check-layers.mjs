// The layering rules of STYLE.md that a type checker cannot see, checked over tracked files:
// - use cases and domain know nothing of tRPC;
// - the worker imports @rapport/api subpaths only, never the tRPC root;
// - only packages/db and the use cases call query functions that write.
// Test files and test helpers are exempt. Exits non-zero listing every violation.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '*.ts', '*.svelte'], {
	cwd: root,
	encoding: 'utf8',
})
	.split('\n')
	.filter(Boolean);

const isTest = (f) => /\.test\.ts$|\/testing\/|\/e2e\/|\/bench\//.test(f);
const WRITER =
	/^(insert|update|delete|set|mark|claim|finalize|purge|retry|touch|quarantine|ingest|requeue|fail|release|rotate|bump|upsert|record)[A-Z]/;
const importsFrom = (source, pkg) =>
	[...source.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/g)]
		.filter((m) => m[2] === pkg)
		.flatMap((m) =>
			m[1]
				.split(',')
				.map((s) => s.trim())
				.filter((s) => s && !s.startsWith('type '))
				.map((s) => s.split(/\s+as\s+/)[0]),
		);

const violations = [];
for (const file of files) {
	let source;
	try {
		source = readFileSync(`${root}/${file}`, 'utf8');
	} catch {
		continue; // deleted in the working tree
	}
	if (/^packages\/api\/src\/(use-cases|domain)\//.test(file) && !isTest(file)) {
		if (/TRPCError|from '@trpc\//.test(source)) violations.push(`${file}: uses tRPC`);
	}
	if (file.startsWith('apps/worker/src/') && /from '@rapport\/api'/.test(source)) {
		violations.push(`${file}: imports the tRPC root '@rapport/api' (use a subpath)`);
	}
	if (file.startsWith('packages/db/') || file.startsWith('packages/api/src/use-cases/')) continue;
	if (isTest(file)) continue;
	const writers = importsFrom(source, '@rapport/db').filter((name) => WRITER.test(name));
	if (writers.length) violations.push(`${file}: writes rows itself (${writers.join(', ')})`);
}

if (violations.length) {
	console.error(`[rapport] layer check: ${violations.length} violation(s)`);
	for (const v of violations) console.error(`  ${v}`);
	process.exit(1);
}
console.log('[rapport] layer check: ok');
