/** Reads the JSON Lines form of an export: one JSON object a line, streamed so size is no limit. */
import fs from 'node:fs';
import readline from 'node:readline';
import { isObject } from './fields';
import type { ProblemList } from './problems';
import type { ExportItem } from './items';

export async function* readJsonLines(
	file: string,
	name: string,
	problems: ProblemList
): AsyncGenerator<ExportItem> {
	const lines = readline.createInterface({
		input: fs.createReadStream(file, 'utf8'),
		crlfDelay: Infinity
	});
	let row = 0;
	for await (const raw of lines) {
		row++;
		const text = row === 1 ? raw.replace(/^\uFEFF/, '') : raw;
		if (text.trim() === '') continue;
		const where = { file: name, row, path: '', csv: false };
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch {
			problems.add(where, '', 'is not valid JSON');
			continue;
		}
		if (!isObject(value)) {
			problems.add(where, '', 'must be a JSON object');
			continue;
		}
		const type = value.type;
		if (
			type === 'export' ||
			type === 'company' ||
			type === 'notice' ||
			type === 'service' ||
			type === 'requestStatus' ||
			type === 'customer'
		)
			yield { type, value, where };
		else
			problems.add(
				where,
				'type',
				'must be "export", "company", "notice", "service", "requestStatus" or "customer"'
			);
	}
}
