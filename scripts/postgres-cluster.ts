/**
 * A local PostgreSQL cluster made with Debian's postgresql binaries, for the PostgreSQL test
 * run and the benchmarks: durability is not wanted there, speed is.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export function run(command: string, args: string[], options: SpawnSyncOptions = {}): number {
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
			'No PostgreSQL found: install Debian\'s "postgresql" package (apt-get install -y postgresql), set PG_BIN to its bin folder, or give a server\'s URL.'
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

export interface Cluster {
	url: string;
	/** The command line that restarts the server (with its options), for the tests that need a restart. */
	restartCommand: string[];
	/** Stops the server; a throw-away cluster's folder goes with it. */
	stop: () => void;
}

/**
 * Starts a cluster on a free local port: in a new temporary folder that stop() removes, or,
 * given a folder, in that folder (made on first use and kept, so a benchmark's loaded data
 * survives to the next run).
 */
export async function startCluster(keptIn?: string): Promise<Cluster> {
	const bin = postgresBin();
	const dir = keptIn ?? fs.mkdtempSync(path.join(os.tmpdir(), 'klientiem-pg-'));
	fs.mkdirSync(dir, { recursive: true });
	// PostgreSQL refuses to run as root: then the cluster belongs to the postgres user.
	const asRoot = process.getuid?.() === 0;
	if (asRoot) fs.chownSync(dir, Number(spawnSync('id', ['-u', 'postgres']).stdout), 0);
	const commandLine = (program: string, args: string[]) =>
		asRoot
			? ['runuser', '-u', 'postgres', '--', path.join(bin, program), ...args]
			: [path.join(bin, program), ...args];
	const as = (program: string, args: string[]) => {
		const [command, ...rest] = commandLine(program, args);
		return run(command!, rest);
	};
	const data = path.join(dir, 'data');
	if (
		!fs.existsSync(path.join(data, 'PG_VERSION')) &&
		as('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']) !== 0
	)
		throw new Error('initdb failed');
	const port = await freePort();
	const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
	if (as('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-o', options, '-w', 'start']) !== 0)
		throw new Error(`PostgreSQL did not start; see ${path.join(dir, 'log')}`);
	return {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		// pg_ctl restart starts the server again with the options of its last start.
		restartCommand: commandLine('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'restart']),
		stop: () => {
			as('pg_ctl', ['-D', data, '-m', keptIn ? 'fast' : 'immediate', 'stop']);
			if (!keptIn) fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}
