import { execSync } from 'node:child_process';
console.log('hello from', process.version, process.argv.slice(2));
console.log('pnpm', execSync('pnpm -v').toString().trim(), 'node on PATH', execSync('node -v').toString().trim(), process.env.TURBO_TELEMETRY_DISABLED, process.env.DO_NOT_TRACK);
process.exit(Number(process.env.HELLO_EXIT ?? 0));
