/**
 * The portal while the nightly import runs (issue 13.3): a server serves a database holding
 * the demo customers; a bounded client loop signs in and loads the start page, the calendar,
 * its JSON and /healthz every 100 ms, for 5 s before and then all the time a first import of
 * the other customers runs (the import command, as cron starts it). Errors and p50 / p99 /
 * max latency of each phase, measured in the same run.
 */
import { spawn } from 'node:child_process';
import { benchKey, ensureExport, ensureLoaded, startServer } from './setup';
import { importCommand } from '../../src/lib/server/import/command';

interface Phase {
	latenciesMs: number[];
	errors: string[];
}

const PAGES = ['/portal', '/calendar', '/api/v1/calendar', '/healthz'];
const EVERY_MS = 100;
/** The loop's bound, whatever the import does. */
const LONGEST_MS = 15 * 60 * 1000;

async function timed(phase: Phase, label: string, request: () => Promise<Response>) {
	const started = performance.now();
	try {
		const response = await request();
		await response.arrayBuffer();
		if (response.status >= 400) phase.errors.push(`${label}: ${response.status}`);
		return response;
	} catch (error) {
		phase.errors.push(`${label}: ${(error as Error).message}`);
		return null;
	} finally {
		phase.latenciesMs.push(performance.now() - started);
	}
}

/** One round: a contract sign-in (the demo's), then each page with its cookie. */
async function round(origin: string, phase: Phase) {
	const login = await timed(phase, 'sign-in', () =>
		fetch(`${origin}/?/contract`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: new URLSearchParams({ contractNumber: 'demo', personalCode: 'demo' })
		})
	);
	const cookie = /session=[^;]+/.exec(login?.headers.get('set-cookie') ?? '')?.[0] ?? '';
	for (const page of PAGES)
		await timed(phase, page, () => fetch(`${origin}${page}`, { headers: { cookie } }));
}

async function loop(origin: string, until: () => boolean): Promise<Phase> {
	const phase: Phase = { latenciesMs: [], errors: [] };
	const started = Date.now();
	while (!until() && Date.now() - started < LONGEST_MS) {
		const next = Date.now() + EVERY_MS;
		await round(origin, phase);
		await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
	}
	return phase;
}

function summary(name: string, phase: Phase): string {
	const sorted = [...phase.latenciesMs].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
	return `  ${name.padEnd(16)} ${String(sorted.length).padStart(6)} requests, ${String(phase.errors.length).padStart(4)} errors, p50 ${at(0.5).toFixed(0)} ms, p99 ${at(0.99).toFixed(0)} ms, max ${(sorted.at(-1) ?? 0).toFixed(0)} ms`;
}

export async function measurePortalDuringImport(options: {
	database: 'sqlite' | 'postgres';
	location: string;
	customers: number;
	env: Record<string, string>;
}) {
	// The demo customers first (the big export starts with the same ones), so there is someone
	// to sign in while the first import of all the others runs.
	await ensureLoaded(options.location, ensureExport(40));
	const big = ensureExport(options.customers);
	const port = 4390;
	const server = await startServer(port, options.env);
	try {
		const before = await loop(
			server.origin,
			(() => {
				const end = Date.now() + 5000;
				return () => Date.now() >= end;
			})()
		);
		let finished = false;
		const started = performance.now();
		// As cron runs it: the built command (the server's build holds it).
		const command = importCommand(big, true);
		const importer = spawn(command.command, command.args, {
			env: {
				...process.env,
				...command.env,
				...options.env,
				PERSONAL_CODE_KEY: benchKey.toString('hex')
			},
			stdio: ['ignore', 'ignore', 'inherit']
		});
		const exit = new Promise<number | null>((resolve) =>
			importer.on('exit', (code) => {
				finished = true;
				resolve(code);
			})
		);
		const during = await loop(server.origin, () => finished);
		const code = await exit;
		const seconds = (performance.now() - started) / 1000;
		console.log(
			`\nThe portal during a first import of ${(options.customers - 40).toLocaleString('en')} customers into ${options.database} (import ${code === 0 ? 'succeeded' : `exited ${code}`} in ${seconds.toFixed(1)} s)`
		);
		console.log(`  every ${EVERY_MS} ms: a sign-in, then ${PAGES.join(', ')}`);
		console.log(summary('before', before));
		console.log(summary('during', during));
		const kinds = new Map<string, number>();
		for (const error of during.errors) kinds.set(error, (kinds.get(error) ?? 0) + 1);
		for (const [error, count] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 5))
			console.log(`    ${count} × ${error}`);
	} finally {
		await server.stop();
	}
}
