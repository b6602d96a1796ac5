/**
 * npm start: builds when the sources are newer than the build, creates and migrates the
 * SQLite database under ./data, loads the demo data through the import, and serves the portal.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dataDirectory, databaseLocation, describeDatabase } from '../src/lib/server/config';
import { loadDemoData, startServer } from './serve';

const SOURCES = [
	'src',
	'static',
	'messages',
	'migrations',
	'project.inlang',
	'svelte.config.js',
	'vite.config.ts',
	'package.json'
];

function newestChange(entry: string): number {
	if (!fs.existsSync(entry)) return 0;
	const stat = fs.statSync(entry);
	if (!stat.isDirectory()) return stat.mtimeMs;
	// The compiled translations are an output of the build, not a source of it.
	if (entry === path.join('src', 'lib', 'paraglide')) return 0;
	return Math.max(
		stat.mtimeMs,
		...fs.readdirSync(entry).map((name) => newestChange(path.join(entry, name)))
	);
}

const port = Number(process.env.PORT ?? 3000);
const shown = (file: string) => path.relative(process.cwd(), file) || file;
console.log(
	'Klientiem, to try on this machine (README: Running in production for the real thing).'
);

const built = fs.existsSync('build/handler.js') ? fs.statSync('build/handler.js').mtimeMs : 0;
if (built < Math.max(...SOURCES.map(newestChange))) {
	// Vite's few hundred lines go to a file; they matter only when the build fails.
	fs.mkdirSync(dataDirectory(), { recursive: true });
	const log = path.join(dataDirectory(), 'build.log');
	console.log(`1/3 Building the portal (about a minute; its output goes to ${shown(log)}) …`);
	const output = fs.openSync(log, 'w');
	const build = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', output, output] });
	fs.closeSync(output);
	if (build.status !== 0) {
		process.stderr.write(fs.readFileSync(log, 'utf8'));
		console.error(`\nThe build failed; its output is above and in ${shown(log)}.`);
		process.exit(build.status ?? 1);
	}
} else {
	console.log('1/3 The portal is built.');
}

console.log(`2/3 Loading the demo data into ${describeDatabase(databaseLocation())} …`);
// Without SMTP the demo keeps its mail for the mailbox page, where a new user finds the link.
process.env.DEMO_MAILBOX ??= 'on';
await loadDemoData(Number(process.env.DEMO_CUSTOMERS ?? 40));
console.log('3/3 Starting the server …');
await startServer(port);

const origin = process.env.ORIGIN ?? `http://localhost:${port}`;
console.log(`\nKlientiem is running at ${origin}`);
if (!process.env.ORIGIN) {
	// Without ORIGIN, any address of this machine works, e.g. from a phone on the same network.
	const others = Object.values(os.networkInterfaces())
		.flat()
		.filter((entry) => entry && entry.family === 'IPv4' && !entry.internal)
		.map((entry) => `http://${entry!.address}:${port}`);
	if (others.length > 0) console.log(`  also on this network: ${others.join(', ')}`);
}
console.log('\nDemo logins (view-only):');
console.log('  private person:  contract number "demo", personal code "demo"');
console.log('  legal entity:    e-mail "demo", password "demo"  (contract dem-1-oju)');
if (!process.env.SMTP_URL)
	console.log(`\nE-mails (registration, password reset) are kept at ${origin}/mailbox`);
console.log('\nStop with Ctrl+C.');
