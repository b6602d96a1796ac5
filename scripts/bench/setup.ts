/** What the benchmarks share: the demo export, a loaded database, the built server, a sign-in. */
import autocannon from 'autocannon';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { dayInRiga } from '../../src/lib/dates';
import { openDatabase } from '../../src/lib/server/db/index';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { importExport } from '../../src/lib/server/import/index';
import { serverArguments } from '../server-command';
import { stopProcess } from '../stop-process';

export const benchFolder = path.resolve('bench-data');
/** The personal-code key of every benchmark database, so a loaded one can be reused. */
export const benchKey = Buffer.alloc(32, 7);

export function runOrExit(command: string, args: string[]) {
	const result = spawnSync(command, args, { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The demo export of N customers, generated once and reused (it takes minutes at 100 000). */
export function ensureExport(customers: number): string {
	const file = path.join(benchFolder, `export-${customers}.jsonl`);
	if (fs.existsSync(file)) return file;
	fs.mkdirSync(benchFolder, { recursive: true });
	console.log(`Generating ${customers} customers into ${file} …`);
	const partial = `${file}.partial`;
	runOrExit('npx', [
		'tsx',
		'scripts/demo-data.ts',
		'--customers',
		String(customers),
		'--out',
		partial,
		'--today',
		dayInRiga()
	]);
	fs.renameSync(partial, file);
	return file;
}

/** Migrates the database and imports the export into it, unless it holds customers already. */
export async function ensureLoaded(location: string, exportFile: string): Promise<number> {
	const db = openDatabase(location);
	try {
		await migrateToLatest(db);
		const count = async () =>
			(
				await db
					.selectFrom('customer')
					.select((eb) => eb.fn.countAll<number>().as('count'))
					.executeTakeFirstOrThrow()
			).count;
		const present = await count();
		if (present > 0) return present;
		console.log(`Importing ${path.basename(exportFile)} into ${location} …`);
		const result = await importExport(db, exportFile, { key: benchKey });
		if (result.status !== 'succeeded')
			throw new Error(`the import failed: ${JSON.stringify(result.problems.slice(0, 5))}`);
		return await count();
	} finally {
		await db.destroy();
	}
}

export interface BenchServer {
	origin: string;
	/** The most memory the server process has held so far (VmHWM). */
	peakRssMiB: () => number;
	/** The CPU time the server process (all its threads) has used so far. */
	cpuMs: () => number;
	/** Asks the server to stop and waits until it has, so its database can go next. */
	stop: () => Promise<void>;
}

/** Starts the built server (building it first when needed) and waits until /healthz answers. */
export async function startServer(port: number, env: Record<string, string>): Promise<BenchServer> {
	if (!fs.existsSync('build/index.js')) runOrExit('npm', ['run', 'build']);
	const origin = `http://localhost:${port}`;
	const server = spawn(process.execPath, serverArguments(), {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: {
			...process.env,
			PORT: String(port),
			ORIGIN: origin,
			PERSONAL_CODE_KEY: benchKey.toString('hex'),
			// The scheduler's passes would be load the benchmark does not ask for.
			JOBS: 'off',
			...env
		}
	});
	const stop = async () => {
		await stopProcess(server, 10_000);
	};
	process.on('exit', () => server.kill());
	for (let i = 0; i < 150; i++) {
		const up = await fetch(`${origin}/healthz`).then(
			(r) => r.ok,
			() => false
		);
		if (up)
			return {
				origin,
				stop,
				peakRssMiB: () =>
					Number(
						/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0
					) / 1024,
				cpuMs: () => processCpuMs(server.pid!)
			};
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	await stop();
	throw new Error(`the server on ${origin} did not start`);
}

/** Signs in as the demo legal entity (an unpaid invoice: the fullest start page); its cookie. */
export async function signInDemoLegal(origin: string): Promise<string> {
	const login = await fetch(`${origin}/?/email`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body: new URLSearchParams({ email: 'demo', password: 'demo' })
	});
	const cookie = /session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0];
	if (!cookie) throw new Error(`the demo login failed: ${login.status}`);
	return cookie;
}

const clockTicksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/** User and system time of a process, from /proc (fields 14 and 15, after the parenthesised name). */
function processCpuMs(pid: number): number {
	const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond;
}

export interface LoadResult {
	requestsPerSecond: number;
	medianMs: number;
	p99Ms: number;
	/** Connection errors, timeouts and answers 4xx or 5xx (a 304 is an answer). */
	errors: number;
	/** The server's CPU time per answered request, when its clock was given. */
	cpuMsPerRequest: number | null;
}

/**
 * autocannon on one URL, or on the origin with each request taking the next of `paths`: a
 * 2 s warm-up, then the measured run.
 */
export async function measureLoad(
	url: string,
	options: {
		connections: number;
		seconds: number;
		headers?: Record<string, string>;
		paths?: string[];
		/** The server's CPU clock (BenchServer.cpuMs), read around the measured run. */
		cpuMs?: () => number;
	}
): Promise<LoadResult> {
	const { connections, seconds, headers = {}, paths, cpuMs } = options;
	let next = 0;
	const requests = paths && [
		{ setupRequest: (request: object) => ({ ...request, path: paths[next++ % paths.length] }) }
	];
	await autocannon({ url, connections, duration: 2, headers, requests });
	const cpuBefore = cpuMs?.();
	const result = await autocannon({ url, connections, duration: seconds, headers, requests });
	const cpuUsed = cpuMs && cpuBefore !== undefined ? cpuMs() - cpuBefore : null;
	return {
		requestsPerSecond: result.requests.average,
		medianMs: result.latency.p50,
		p99Ms: result.latency.p99,
		errors: result.errors + result['4xx'] + result['5xx'],
		cpuMsPerRequest: cpuUsed === null ? null : cpuUsed / result.requests.total
	};
}

export interface OpenLoopResult {
	rate: number;
	sent: number;
	medianMs: number;
	p99Ms: number;
	/** Connection errors and answers other than 2xx and 304. */
	errors: number;
	/** What each error was: a status code, or the connection error's code (ECONNRESET). */
	failures: string[];
}

/**
 * Open-loop load: requests sent at evenly spaced instants whatever the answers do, over
 * keep-alive connections, each one's latency counted from when it was due to be sent, so a
 * server that falls behind shows it (autocannon's rate releases each second's quota in one
 * burst, and a closed loop waits for the server before it asks again). A 1 s warm-up at the
 * same rate is not counted.
 */
export async function measureOpenLoop(
	url: string,
	options: { rate: number; seconds: number; headers?: Record<string, string> }
): Promise<OpenLoopResult> {
	const { rate, seconds, headers = {} } = options;
	const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
	type Answer = { ms: number; ok: boolean; failure?: string };
	const send = (due: number) =>
		new Promise<Answer>((resolve) => {
			const request = http.get(url, { agent, headers }, (response) => {
				response.resume();
				const status = response.statusCode ?? 0;
				response.on('end', () =>
					resolve({
						ms: performance.now() - due,
						ok: status === 304 || status < 300,
						failure: String(status)
					})
				);
			});
			request.on('error', (error: NodeJS.ErrnoException) =>
				resolve({ ms: performance.now() - due, ok: false, failure: error.code ?? error.message })
			);
		});
	const run = async (count: number) => {
		const interval = 1000 / rate;
		const start = performance.now() + 10;
		const answers: Promise<Answer>[] = [];
		for (let i = 0; i < count; i++) {
			const due = start + i * interval;
			const wait = due - performance.now();
			if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
			answers.push(send(due));
		}
		return Promise.all(answers);
	};
	await run(rate);
	const answers = await run(Math.round(rate * seconds));
	agent.destroy();
	const sorted = answers.map((a) => a.ms).sort((a, b) => a - b);
	const at = (share: number) =>
		sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
	return {
		rate,
		sent: answers.length,
		medianMs: at(0.5),
		p99Ms: at(0.99),
		errors: answers.filter((a) => !a.ok).length,
		failures: answers.filter((a) => !a.ok).map((a) => a.failure ?? '?')
	};
}
