// The ceiling: a bare Node HTTP server that reads the body and answers 202 with an id.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

createServer((req, res) => {
	req.resume();
	req.on('end', () => {
		res.writeHead(202, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ id: randomUUID() }));
	});
}).listen(Number(process.argv[2]), '127.0.0.1', () => console.log('ready'));
