import { startFakeStripe } from './fake-stripe.ts';

// The fake Stripe as a process of its own, for servers started outside the test (Playwright's
// webServer): `node fake-stripe-server.ts --port 4315` prints its URL once it listens.
const flag = process.argv.indexOf('--port');
const port = flag >= 0 ? Number(process.argv[flag + 1]) : 0;
if (!Number.isInteger(port) || port < 0) {
	console.error('Usage: fake-stripe-server.ts [--port N]');
	process.exit(2);
}
const fake = await startFakeStripe({ port });
console.log(`fake stripe listening on ${fake.url}`);
const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
