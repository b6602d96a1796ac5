/**
 * npm start: builds when the sources are newer than the build, creates and migrates the
 * SQLite database under ./data, loads the demo data through the import, and serves the portal.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { databaseLocation, describeDatabase } from '../src/lib/server/config';
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

const built = fs.existsSync('build/handler.js') ? fs.statSync('build/handler.js').mtimeMs : 0;
if (built < Math.max(...SOURCES.map(newestChange))) {
	console.log('Building the portal …');
	const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
	if (build.status !== 0) process.exit(build.status ?? 1);
}

console.log(`Database: ${describeDatabase(databaseLocation())}`);
// Without SMTP the demo keeps its mail for the mailbox page, where a new user finds the link.
process.env.DEMO_MAILBOX ??= 'on';
await loadDemoData(Number(process.env.DEMO_CUSTOMERS ?? 40));
const port = Number(process.env.PORT ?? 3000);
await startServer(port);
console.log(`\nKlientiem is running at http://localhost:${port}\n`);
console.log('Demo logins (view-only):');
console.log('  private person:  contract number "demo", personal code "demo"');
console.log('  legal entity:    e-mail "demo", password "demo"  (contract dem-1-oju)');
if (!process.env.SMTP_URL)
	console.log(
		`\nE-mails (registration, password reset) are kept at http://localhost:${port}/mailbox`
	);
console.log('\nStop with Ctrl+C.');
