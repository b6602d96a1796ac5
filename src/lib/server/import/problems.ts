/** Where in an export a value came from, and the problems found there. */

export interface Problem {
	file: string;
	row: number;
	field: string;
	reason: string;
}

/**
 * A place in the input. JSON Lines records name nested fields by path
 * (`documents[2].total`); CSV rows name their column (`total`).
 */
export interface Where {
	file: string;
	row: number;
	path: string;
	csv: boolean;
}

/** The CSV reader tags every object it builds with its file and row. */
export const origins = new WeakMap<object, Where>();

export function whereOf(value: object, parent: Where, segment: string): Where {
	return (
		origins.get(value) ?? {
			...parent,
			path: parent.path ? `${parent.path}${segment}` : segment.replace(/^\./, '')
		}
	);
}

function fieldName(where: Where, key: string): string {
	if (where.csv) return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
	return where.path ? `${where.path}.${key}` : key;
}

/** Keeps the first `limit` problems and counts the rest. */
export class ProblemList {
	readonly shown: Problem[] = [];
	count = 0;

	constructor(private readonly limit = 50) {}

	add(where: Where, key: string, reason: string): void {
		this.include({ file: where.file, row: where.row, field: fieldName(where, key), reason });
	}

	/** A problem another list found; undefined for one it only counted. */
	include(problem: Problem | undefined): void {
		this.count++;
		if (problem && this.shown.length < this.limit) this.shown.push(problem);
	}

	/** What was found so far, leaving the list empty. */
	drain(): { shown: Problem[]; count: number } {
		const taken = { shown: this.shown.splice(0), count: this.count };
		this.count = 0;
		return taken;
	}
}

export function describeProblem(problem: Problem): string {
	const field = problem.field ? `, ${problem.field}` : '';
	return `${problem.file}:${problem.row}${field}: ${problem.reason}`;
}
