/**
 * An export an admin uploads on the console's imports page (issue 18, item 7): streamed to a
 * file in the data folder, within IMPORT_UPLOAD_LIMIT, then loaded by `npm run import` in a
 * process of its own, as cron runs it: the same path, checks, lease and run record, and the
 * server's requests never wait on the import's work.
 */
import busboy from 'busboy';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { importCommand } from '../import/command';

/** The form's one field, a JSON Lines export (docs/import-format.md). */
const UPLOAD_FIELD = 'export';

export const UPLOAD_REFUSALS = ['no_file', 'too_large', 'not_form', 'not_started'] as const;
export type UploadRefusal = (typeof UPLOAD_REFUSALS)[number];

export type Received = { file: string; name: string; bytes: number } | { refused: UploadRefusal };

// An upload left behind by a server that stopped before its import ended is removed this late.
const LEFT_BEHIND_MS = 24 * 60 * 60 * 1000;

/** Streams the form's export to a new file in `folder`; nothing is kept of a refused one. */
export async function receiveUpload(
	request: Request,
	{ limit, folder }: { limit: number; folder: string }
): Promise<Received> {
	const type = request.headers.get('content-type') ?? '';
	if (!request.body || !type.startsWith('multipart/form-data')) return { refused: 'not_form' };
	fs.mkdirSync(folder, { recursive: true });
	removeLeftBehind(folder);
	// A folder of its own, so the file keeps the name the run and its problems show.
	const own = path.join(folder, `upload-${randomUUID()}`);
	fs.mkdirSync(own);
	let file = path.join(own, 'export.jsonl');
	let parser: busboy.Busboy;
	try {
		parser = busboy({
			headers: { 'content-type': type },
			limits: { files: 1, fileSize: limit, fields: 0, parts: 1 }
		});
	} catch {
		return { refused: 'not_form' };
	}
	let saved: Promise<Received> | null = null;
	parser.on('file', (field, stream, info) => {
		if (field !== UPLOAD_FIELD || saved) return void stream.resume();
		file = path.join(own, safeName(info.filename ?? ''));
		let bytes = 0;
		let truncated = false;
		stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
		stream.on('limit', () => (truncated = true));
		saved = pipeline(stream, fs.createWriteStream(file)).then(
			(): Received =>
				truncated
					? { refused: 'too_large' }
					: bytes === 0
						? { refused: 'no_file' }
						: { file, name: info.filename ?? '', bytes },
			// The form broke off within the file: the parser says so too.
			(): Received => ({ refused: 'not_form' })
		);
	});
	let received: Received;
	try {
		// The DOM's ReadableStream type and Node's are one class at run time; TypeScript keeps two.
		const body = request.body as import('node:stream/web').ReadableStream<Uint8Array>;
		await pipeline(Readable.fromWeb(body), parser);
		received = (await saved) ?? { refused: 'no_file' };
	} catch {
		// A body that is not a form, or a client that went away midway.
		received = { refused: 'not_form' };
	}
	if ('refused' in received) fs.rmSync(own, { recursive: true, force: true });
	return received;
}

/** The uploaded file's own name, of letters, digits and - . _ only: never a path. */
function safeName(name: string): string {
	const base = path
		.basename(name)
		.replace(/[^\p{L}\d._-]/gu, '_')
		.slice(-100);
	return /^[^.].*\.jsonl$/u.test(base) ? base : `${base || 'export'}.jsonl`;
}

function removeLeftBehind(folder: string): void {
	for (const name of fs.readdirSync(folder)) {
		const file = path.join(folder, name);
		if (name.startsWith('upload-') && Date.now() - fs.statSync(file).mtimeMs > LEFT_BEHIND_MS)
			fs.rmSync(path.dirname(file), { recursive: true, force: true });
	}
}

/**
 * Starts `npm run import` on the file and answers with its run's id once it has recorded the
 * run (its first line says so), or why it did not start. The file's folder (receiveUpload's)
 * is removed when it ends.
 */
export function startImport(file: string): Promise<{ runId: number } | { failed: string }> {
	const { command, args, entry, env } = importCommand(file);
	if (!fs.existsSync(entry))
		return Promise.resolve({
			failed: `${path.resolve(entry)} is not there: start the server in the app's folder`
		});
	const child = spawn(command, args, {
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	return new Promise((resolve) => {
		let output = '';
		let errors = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			// Read to the end, so a full pipe never holds the import up.
			if (output.length > 4096) return;
			output += chunk;
			const started = /^Import (\d+) of /m.exec(output);
			if (started) resolve({ runId: Number(started[1]) });
		});
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			errors = (errors + chunk).slice(-2000);
		});
		child.on('error', (error) => resolve({ failed: error.message }));
		child.on('exit', (code) => {
			fs.rmSync(path.dirname(file), { recursive: true, force: true });
			// Without effect once the run's id was told.
			resolve({ failed: errors.trim().split('\n').at(-1) || `npm run import ended (${code})` });
		});
	});
}
