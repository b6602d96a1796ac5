/**
 * Reads the JSON Lines form of an export: one JSON object a line, streamed so size is no limit.
 * The lines are dealt out in chunks to the check workers (check.ts): every worker scans the
 * whole file for line ends, which costs little, and decodes and parses only its own chunks.
 */
import fs from 'node:fs';
import { isObject } from './fields';
import type { ExportItem, ReadItem } from './items';

const NEWLINE = 0x0a;
const RETURN = 0x0d;

/** Which chunks of lines a reader takes: those numbered `part` modulo `parts`. */
export interface Share {
	part: number;
	parts: number;
	linesPerChunk: number;
}

export const chunkOf = (line: number, linesPerChunk: number) =>
	Math.floor((line - 1) / linesPerChunk);

/** Bytes read at a time, into the one buffer a reader keeps (grown only for a longer line). */
const READ_BYTES = 1 << 20;

/**
 * The lines of the files in turn, numbered across them (`line`), each file's rows from 1; only
 * the share's chunks are decoded and yielded, blank lines included, so every chunk a reader
 * owns reaches the checker. Line ends are \n or \r\n.
 *
 * The file is read into one reused buffer: a new buffer per read (a stream's) left each
 * worker up to V8's external-memory limit of dead ones between collections, and glibc kept
 * what they had held.
 */
export async function* readJsonLines(
	files: { path: string; name: string }[],
	share: Share
): AsyncGenerator<ReadItem> {
	let line = 0;
	let buffer = Buffer.allocUnsafe(READ_BYTES);
	for (const file of files) {
		let row = 0;
		// Decoded at once: the buffer's bytes are overwritten by the next read.
		const take = (start: number, end: number): ReadItem | null => {
			line++;
			row++;
			if (chunkOf(line, share.linesPerChunk) % share.parts !== share.part) return null;
			if (end > start && buffer[end - 1] === RETURN) end--;
			const text = buffer.toString('utf8', start, end);
			const where = { file: file.name, row, path: '', csv: false };
			return readLine(row === 1 ? text.replace(/^\uFEFF/, '') : text, where, line);
		};
		const handle = await fs.promises.open(file.path);
		try {
			let filled = 0;
			for (;;) {
				if (buffer.length - filled < READ_BYTES) {
					const bigger = Buffer.allocUnsafe(filled + READ_BYTES);
					buffer.copy(bigger, 0, 0, filled);
					buffer = bigger;
				}
				const { bytesRead } = await handle.read(buffer, filled, READ_BYTES, null);
				if (bytesRead === 0) break;
				const view = buffer.subarray(0, filled + bytesRead);
				let start = 0;
				for (
					let end = view.indexOf(NEWLINE, filled);
					end !== -1;
					end = view.indexOf(NEWLINE, start)
				) {
					const item = take(start, end);
					if (item) yield item;
					start = end + 1;
				}
				filled = view.length - start;
				buffer.copy(buffer, 0, start, view.length);
			}
			if (filled > 0) {
				const item = take(0, filled);
				if (item) yield item;
			}
		} finally {
			await handle.close();
		}
	}
}

function readLine(text: string, where: ExportItem['where'], line: number): ReadItem {
	if (text.trim() === '') return { type: 'blank', where, line };
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { type: 'unreadable', where, line, field: '', reason: 'is not valid JSON' };
	}
	if (!isObject(value))
		return { type: 'unreadable', where, line, field: '', reason: 'must be a JSON object' };
	const type = value.type;
	if (
		type === 'export' ||
		type === 'company' ||
		type === 'notice' ||
		type === 'service' ||
		type === 'requestStatus' ||
		type === 'customer'
	)
		return { type, value, where, line };
	return {
		type: 'unreadable',
		where,
		line,
		field: 'type',
		reason: 'must be "export", "company", "notice", "service", "requestStatus" or "customer"'
	};
}
