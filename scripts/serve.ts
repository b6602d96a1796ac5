/** Shared by `npm start` and the browser tests: load the demo data, then run the built server. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { dayInRiga } from '../src/lib/dates';
import { dataDirectory } from '../src/lib/server/config';
import { writeDemoExport } from './demo/generate';
import { seedDemoRequests } from '../src/lib/server/demo/requests';
import { importExport } from '../src/lib/server/import/index';
import { describeProblem } from '../src/lib/server/import/problems';
import { loadPersonalCodeKey } from '../src/lib/server/personal-code';
import { openMigrated } from './cli';
import { serverArguments } from './server-command';

/** Writes today's demo export into the data folder and imports it (a no-op when nothing changed). */
export async function loadDemoData(customers = 40): Promise<void> {
	const file = path.join(dataDirectory(), 'demo-export.jsonl');
	await writeDemoExport(file, { customers, today: dayInRiga() });
	const db = await openMigrated();
	const result = await importExport(db, file, { key: loadPersonalCodeKey() });
	if (result.status === 'succeeded') await seedDemoRequests(db);
	await db.destroy();
	if (result.status === 'failed')
		throw new Error(
			`The demo data did not import:\n${result.problems.map(describeProblem).join('\n')}`
		);
}

/**
 * Starts the built server (scripts/server.ts) and resolves once /healthz answers. Without
 * ORIGIN it serves whatever address the browser uses (ANY_ADDRESS). Its own output passes
 * through, but for adapter-node's "Listening on http://0.0.0.0:…", an address no browser
 * can use: the caller prints the real ones.
 */
export async function startServer(port: number): Promise<ChildProcess> {
	const server = spawn(process.execPath, serverArguments(), {
		stdio: ['ignore', 'pipe', 'inherit'],
		env: {
			...process.env,
			PORT: String(port),
			...(process.env.ORIGIN ? {} : { ANY_ADDRESS: 'on' })
		}
	});
	readline.createInterface({ input: server.stdout! }).on('line', (line) => {
		if (!line.startsWith('Listening on ')) console.log(line);
	});
	for (const signal of ['SIGINT', 'SIGTERM'] as const)
		process.on(signal, () => server.kill(signal));
	server.on('exit', (code) => process.exit(code ?? 0));
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		const ok = await fetch(`http://localhost:${port}/healthz`).then(
			(r) => r.ok,
			() => false
		);
		if (ok) return server;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	server.kill();
	throw new Error(`The server did not answer on port ${port} within 30 seconds.`);
}
