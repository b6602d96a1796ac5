/** Every npm run command reads its arguments one way: --help, and unknown options refused. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { POSTGRES_URL, tempDir } from './helpers';

const COMMANDS = [
	['backup', 'scripts/backup.ts'],
	['import', 'scripts/import.ts'],
	['jobs', 'scripts/jobs.ts'],
	['outbox', 'scripts/outbox.ts'],
	['requests', 'scripts/requests.ts'],
	['tokens', 'scripts/tokens.ts'],
	['staff', 'scripts/staff.ts'],
	['migrate', 'scripts/migrate.ts'],
	['demo-data', 'scripts/demo-data.ts'],
	['bench:import', 'scripts/bench/import.ts'],
	['bench:portal', 'scripts/bench/portal.ts'],
	['bench:load', 'scripts/bench/load.ts']
] as const;

/** Runs a script; its exit status and output. */
function run(script: string, args: string[]) {
	// A database of its own, which neither --help nor a refused call may touch.
	const env = {
		...process.env,
		DATABASE_PATH: path.join(tempDir(), 'cli.sqlite'),
		DATABASE_URL: ''
	};
	return new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
		execFile(
			process.execPath,
			['--import', 'tsx', script, ...args],
			{ env },
			(error, stdout, stderr) => resolve({ status: error ? Number(error.code) : 0, stdout, stderr })
		)
	);
}

// Each run starts a Node process: side by side, they take a quarter of the time. They run with
// DATABASE_URL cleared (above), so `npm run test:postgres` would repeat the SQLite run exactly.
describe.skipIf(POSTGRES_URL).concurrent('the command-line scripts', () => {
	it.each(COMMANDS)('npm run %s has --help and refuses an unknown option', async (name, script) => {
		const help = await run(script, ['--help']);
		expect(help.status).toBe(0);
		expect(help.stdout).toContain(`Usage: npm run ${name}`);
		expect(help.stdout).toContain('--help');

		const refused = await run(script, ['--no-such-option']);
		expect(refused.status).toBe(2);
		expect(refused.stderr).toContain("Unknown option '--no-such-option'");
		expect(refused.stderr).toContain(`Usage: npm run ${name}`);
	});

	it('says how many arguments a command takes', async () => {
		expect((await run('scripts/import.ts', [])).stderr).toContain('Takes 1 argument, got 0.');
		expect((await run('scripts/requests.ts', ['extra'])).stderr).toContain(
			'Takes 0 arguments, got 1: extra.'
		);
	});

	it('npm run staff names a role it does not know', async () => {
		const refused = await run('scripts/staff.ts', ['add', 'anna@example.lv', '--role', 'boss']);
		expect(refused.status).toBe(2);
		expect(refused.stderr).toContain('--role takes admin or clerk, not "boss".');
	});
});
