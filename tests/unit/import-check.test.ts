import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkSizes, countRows, insertValues } from '../../src/lib/server/db/bulk';
import {
	checkChunks,
	findExport,
	mergeChecked,
	type CheckEvent,
	type CheckedChunk
} from '../../src/lib/server/import/check';
import { ProblemList } from '../../src/lib/server/import/problems';
import { header, KEY, memoryDb, privateCustomer, tempDir } from './helpers';

/** Every share's chunks, taken in turn as the import takes them from its workers. */
async function* inTurn(shares: AsyncGenerator<CheckedChunk>[]): AsyncGenerator<CheckedChunk> {
	for (let index = 0; ; index++) {
		const next = await shares[index % shares.length]!.next();
		if (next.done) return;
		expect(next.value.index).toBe(index);
		yield next.value;
	}
}

async function check(file: string, parts: number, linesPerChunk: number, limit = 50) {
	const found = findExport(file);
	if (found.kind === 'none') throw new Error(found.reason);
	const shares = Array.from({ length: parts }, (_, part) =>
		checkChunks(found, KEY, limit, { part, parts, linesPerChunk })
	);
	const problems = new ProblemList(limit);
	const events: CheckEvent[] = [];
	for await (const event of mergeChecked(inTurn(shares), file, problems)) events.push(event);
	const customers = events.flatMap((event) =>
		event.type === 'customers' ? event.customers.map((c) => c.contractNumber) : []
	);
	return {
		customers,
		kinds: events.map((event) => event.type).filter((type) => type !== 'customers'),
		problems: problems.shown.map((p) => `${p.row} ${p.field}: ${p.reason}`),
		count: problems.count
	};
}

const line = (record: unknown) => JSON.stringify(record);

describe('the export checked in chunks by several workers', () => {
	it('gives the same customers and problems, in the same order, as one reader', async () => {
		const notice = {
			type: 'notice',
			id: 'n1',
			severity: 'info',
			from: '2026-11-20',
			to: '2026-11-30',
			text: { lv: 'Teksts' }
		};
		const lines = [
			// A byte-order mark, and \r\n line ends on some lines.
			'\uFEFF' + line(header()),
			line(privateCustomer('A-1')),
			'',
			'{ not json',
			line(privateCustomer('A-2', { email: 'not an e-mail' })) + '\r',
			line(privateCustomer('A-3')),
			line(notice),
			line(privateCustomer('A-1', { name: '' })),
			line({ type: 'bill' }),
			'[1, 2]',
			line(header()),
			line(notice),
			line(privateCustomer('A-4')),
			line(privateCustomer('A-5', { balance: 'lots' }))
		];
		// The last line without its line end.
		const file = path.join(tempDir(), 'export.jsonl');
		fs.writeFileSync(file, lines.join('\n'));

		const alone = await check(file, 1, 500);
		expect(alone.customers).toEqual(['A-1', 'A-3', 'A-4']);
		expect(alone.problems).toEqual([
			'4 : is not valid JSON',
			'5 email: the e-mail address is not valid',
			// A repeated customer is reported once, not for its own faults too.
			'8 contractNumber: customer "A-1" appears more than once',
			'9 type: must be "export", "company", "notice", "service", "requestStatus" or "customer"',
			'10 : must be a JSON object',
			'11 type: a second export record',
			'12 id: notice "n1" appears more than once',
			'14 balance: "lots" is not an amount in euros with at most 2 decimals'
		]);
		expect(alone.kinds).toEqual(['header', 'header', 'notices']);

		// Chunks of one, two and three lines dealt to two and three workers.
		for (const [parts, linesPerChunk] of [
			[2, 1],
			[3, 2],
			[2, 3]
		] as const)
			expect(await check(file, parts, linesPerChunk)).toEqual(alone);
	});

	it('keeps the first problems in order and counts the rest, across chunks', async () => {
		const lines = [line(header())];
		for (let n = 1; n <= 30; n++)
			lines.push(line(privateCustomer(`B-${n}`, { email: `bad ${n}` })));
		const file = path.join(tempDir(), 'export.jsonl');
		fs.writeFileSync(file, lines.join('\n') + '\n');
		const alone = await check(file, 1, 500, 10);
		expect(alone.count).toBe(30);
		expect(alone.problems).toEqual(
			Array.from({ length: 10 }, (_, n) => `${n + 2} email: the e-mail address is not valid`)
		);
		expect(await check(file, 2, 4, 10)).toEqual(alone);
	});

	it('reads a line longer than a read, and the lines after it', async () => {
		// JSON allows any amount of space between tokens: a 3 MiB line of one customer.
		const long = line(privateCustomer('C-1')).replace('{', '{' + ' '.repeat(3 << 20));
		const file = path.join(tempDir(), 'export.jsonl');
		fs.writeFileSync(
			file,
			[line(header()), long, line(privateCustomer('C-2', { email: 'x' }))].join('\n') + '\n'
		);
		const read = await check(file, 2, 1);
		expect(read.customers).toEqual(['C-1']);
		expect(read.problems).toEqual(['3 email: the e-mail address is not valid']);
	});
});

describe('rows per INSERT', () => {
	it('come in a few sizes whatever the count, so their statements stay few and prepared', () => {
		const sizes = new Set<number>();
		for (let rows = 0; rows <= 5000; rows++) {
			const chunks = [...chunkSizes(rows, 2, 4000)];
			expect(chunks.reduce((sum, size) => sum + size, 0)).toBe(rows);
			for (const size of chunks) sizes.add(size);
		}
		// 1 024 rows of two columns fit the 4 000 parameters; the rest go in halves down to one.
		expect([...sizes].sort((a, b) => b - a)).toEqual([1024, 512, 256, 128, 64, 32, 16, 8, 4, 2, 1]);
		expect(Math.max(...[...chunkSizes(100, 8, 4000)].map((size) => size * 8))).toBeLessThanOrEqual(
			4000
		);
	});

	it('take their values from lists that end anywhere, in order, each row whole', async () => {
		const db = await memoryDb();
		const COLUMNS = ['position', 'bank_name', 'iban', 'bic', 'internet_bank_url'] as const;
		const account = (position: number) => [
			position,
			`Banka ${position}`,
			`LV${position}`,
			'BIC',
			null
		];
		const lists = [300, 0, 1, 299, 300].map((count, list) =>
			Array.from({ length: count }, (_, i) => account(list * 1000 + i)).flat()
		);
		// 900 rows in five lists, written 512 + 256 + 128 + 4 to a statement.
		await insertValues(db, 'bank_account', COLUMNS, lists);
		const stored = await db
			.selectFrom('bank_account')
			.select(['position', 'bank_name', 'iban', 'bic', 'internet_bank_url'])
			.orderBy('position')
			.execute();
		expect(stored.map((row) => Object.values(row)).flat()).toEqual(lists.flat());
		expect(countRows(lists, COLUMNS.length)).toBe(900);
	});
});
