/**
 * An export uploaded on the console's imports page (issue 18, item 7): each request's body held
 * to its route's limit, the upload streamed to a file within its own, and the import telling
 * its run and how many customers it has read.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RequestEvent } from '@sveltejs/kit';
import { afterEach, describe, expect, it } from 'vitest';
import { limitBody, UPLOAD_PATH } from '../../src/lib/server/body-limit';
import { importExport } from '../../src/lib/server/import/index';
import { describeProgress } from '../../src/lib/server/import/progress';
import { receiveUpload } from '../../src/lib/server/staff/import-upload';
import { header, KEY, memoryDb, privateCustomer, tempDir, writeJsonLines } from './helpers';

const ORIGIN = 'http://localhost';

/** What limitBody answers for a POST to `pathname`: the status it refuses with, or 200. */
function answerFor(pathname: string, body: BodyInit, headers: Record<string, string> = {}) {
	const request = new Request(`${ORIGIN}${pathname}`, {
		method: 'POST',
		body,
		headers,
		duplex: 'half'
	} as RequestInit);
	const event = { request, url: new URL(request.url), locals: { locale: 'lv' } };
	try {
		limitBody({
			event: event as unknown as RequestEvent,
			resolve: () => new Response('ok')
		});
		return 200;
	} catch (error) {
		return (error as { status: number }).status;
	}
}

const streamOf = (bytes: number) =>
	new ReadableStream({
		start(controller) {
			controller.enqueue(new Uint8Array(bytes));
			controller.close();
		}
	});

describe('the request body limits', () => {
	const saved = { ...process.env };
	afterEach(() => {
		process.env = { ...saved };
	});

	it('hold a form to BODY_SIZE_LIMIT and an uploaded export to IMPORT_UPLOAD_LIMIT, and want a length but from the upload', () => {
		process.env.BODY_SIZE_LIMIT = '1K';
		process.env.IMPORT_UPLOAD_LIMIT = '100K';
		const length = (bytes: number) => ({ 'content-length': String(bytes) });
		expect(answerFor('/register', 'x'.repeat(1024), length(1024))).toBe(200);
		expect(answerFor('/register', 'x'.repeat(1025), length(1025))).toBe(413);
		expect(answerFor('/register', streamOf(10))).toBe(411);
		// The upload may be the export's size and the form's envelope, and may stream.
		expect(answerFor(UPLOAD_PATH, 'x', length(100 * 1024 + 1000))).toBe(200);
		expect(answerFor(UPLOAD_PATH, 'x', length(200 * 1024))).toBe(413);
		expect(answerFor(UPLOAD_PATH, streamOf(10))).toBe(200);
		// The production server keeps the forms' limit apart from adapter-node's.
		process.env.REQUEST_BODY_LIMIT = '2K';
		process.env.BODY_SIZE_LIMIT = 'Infinity';
		expect(answerFor('/register', 'x'.repeat(2048), length(2048))).toBe(200);
		expect(answerFor('/register', 'x'.repeat(2049), length(2049))).toBe(413);
	});
});

describe('an uploaded export', () => {
	const upload = (form: FormData | string, limit: number, folder = tempDir()) => {
		const request = new Request(`${ORIGIN}${UPLOAD_PATH}`, {
			method: 'POST',
			body: form,
			headers: typeof form === 'string' ? { 'content-type': 'multipart/form-data; boundary=x' } : {}
		});
		return { folder, received: receiveUpload(request, { limit, folder }) };
	};
	const formWith = (content: string, field = 'export', name = 'eksports.jsonl') => {
		const form = new FormData();
		form.append(field, new Blob([content]), name);
		return form;
	};

	it('is streamed to a file of its own, whole', async () => {
		const content = '{"type":"export"}\n'.repeat(10_000);
		const { folder, received } = upload(formWith(content), 1024 * 1024);
		const saved = await received;
		expect(saved).toMatchObject({ name: 'eksports.jsonl', bytes: content.length });
		if (!('file' in saved)) throw new Error('refused');
		// In a folder of its own, under its own name.
		expect(path.dirname(path.dirname(saved.file))).toBe(folder);
		expect(path.basename(saved.file)).toBe('eksports.jsonl');
		expect(fs.readFileSync(saved.file, 'utf8')).toBe(content);

		// A name is never a path.
		const odd = await upload(formWith('{}', 'export', '../../etc/pass wd'), 1024).received;
		expect('file' in odd && path.basename(odd.file)).toBe('pass_wd.jsonl');
	});

	it('over the limit, empty, in another field or not a form is refused, and nothing is kept', async () => {
		for (const [form, refused] of [
			[formWith('x'.repeat(2048)), 'too_large'],
			[formWith(''), 'no_file'],
			[formWith('{}', 'other'), 'no_file'],
			['--x\r\nContent-Disposition: form-data; name="export"; filename="a"\r\n\r\nabc', 'not_form']
		] as const) {
			const { folder, received } = upload(form, 1024);
			expect(await received).toEqual({ refused });
			expect(fs.readdirSync(folder)).toEqual([]);
		}
	});

	it('is imported as any export: the run is told first, and how many customers were read is kept with it', async () => {
		const db = await memoryDb();
		const started: number[] = [];
		const file = writeJsonLines(tempDir(), [
			header(),
			privateCustomer('F-1'),
			privateCustomer('F-2'),
			privateCustomer('F-3')
		]);
		const result = await importExport(db, file, {
			key: KEY,
			onStart: (runId) => started.push(runId)
		});
		expect(result.problems).toEqual([]);
		expect(started).toEqual([result.runId]);
		const run = await db
			.selectFrom('import_run')
			.select(['customers_read', 'customers_added'])
			.where('id', '=', result.runId!)
			.executeTakeFirstOrThrow();
		expect(run).toEqual({ customers_read: 3, customers_added: 3 });
		// As npm run import writes it on a terminal.
		expect(
			describeProgress({ customersRead: 12_400, customersWritten: 3_100, elapsedMs: 3_000 })
		).toBe('12,400 customers read, 3,100 written (4,133 a second)');
	});
});
