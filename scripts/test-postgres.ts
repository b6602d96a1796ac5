/**
 * npm run test:postgres: the unit and browser tests on PostgreSQL. With TEST_DATABASE_URL set
 * (a server where the user may create databases) it uses that server; otherwise it makes a
 * throw-away cluster with Debian's postgresql binaries on a free local port, and removes it
 * afterwards, whatever the outcome.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

function run(command: string, args: string[], options: SpawnSyncOptions = {}): number {
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.error) throw result.error;
	return result.status ?? 1;
}

/** The newest installed PostgreSQL's programs (Debian keeps them outside PATH). */
function postgresBin(): string {
	if (process.env.PG_BIN) return process.env.PG_BIN;
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length === 0) {
		console.error(
			'No PostgreSQL found: install Debian\'s "postgresql" package (apt-get install -y postgresql), set PG_BIN to its bin folder, or set TEST_DATABASE_URL to a server.'
		);
		process.exit(2);
	}
	return path.join(root, versions[0]!, 'bin');
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** Starts a cluster in a temporary folder; returns its URL and how to remove it. */
async function startCluster(): Promise<{ url: string; remove: () => void }> {
	const bin = postgresBin();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'klientiem-pg-'));
	// PostgreSQL refuses to run as root: then the cluster belongs to the postgres user.
	const asRoot = process.getuid?.() === 0;
	if (asRoot) fs.chownSync(dir, Number(spawnSync('id', ['-u', 'postgres']).stdout), 0);
	const as = (program: string, args: string[]) =>
		asRoot
			? run('runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args])
			: run(path.join(bin, program), args);
	const data = path.join(dir, 'data');
	const port = await freePort();
	if (as('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']) !== 0)
		throw new Error('initdb failed');
	// A test cluster: durability is not wanted, speed is.
	const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
	if (as('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-o', options, '-w', 'start']) !== 0)
		throw new Error(`PostgreSQL did not start; see ${path.join(dir, 'log')}`);
	return {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		remove: () => {
			as('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

const given = process.env.TEST_DATABASE_URL;
const cluster = given ? null : await startCluster();
const url = given ?? cluster!.url;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
	process.on(signal, () => {
		cluster?.remove();
		process.exit(130);
	});
let status = 1;
try {
	console.log(`Testing on PostgreSQL at ${url}`);
	const env = { ...process.env, TEST_DATABASE_URL: url };
	if (!fs.existsSync('build/handler.js')) run('npm', ['run', 'build']);
	const unit = run('npx', ['vitest', 'run'], { env });
	const browser = run('npx', ['playwright', 'test'], { env });
	status = run('npx', ['tsx', 'scripts/test-summary.ts']) || unit || browser;
} finally {
	cluster?.remove();
}
process.exit(status);
