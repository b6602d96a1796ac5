/** What the two readers (JSON Lines and CSV) hand to the import, before any checking. */
import type { Where } from './problems';

export interface ExportItem {
	type: 'export' | 'company' | 'notice' | 'service' | 'requestStatus' | 'customer';
	value: Record<string, unknown>;
	where: Where;
}

/**
 * A record as read, numbered in reading order (`line`, which decides its chunk), or a line
 * with no record: blank, or one that is not a record at all (why is said here, as the reader
 * of another worker's lines must not add to this worker's problems).
 */
export type ReadItem =
	| (ExportItem & { line: number })
	| { type: 'blank'; where: Where; line: number }
	| { type: 'unreadable'; where: Where; line: number; field: string; reason: string };
