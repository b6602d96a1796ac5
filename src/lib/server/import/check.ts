/**
 * Reading and checking an export, apart from storing it. Its records are checked each on its
 * own, in chunks of lines (checkChunks, in the check workers: several at once), then put back
 * in order and checked against each other (mergeChecked: the header first and once, no
 * customer, notice or offer twice), giving the header, the company, batches of customers with
 * their snapshot hashes, and the rest. None of it touches a database.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hashPersonalCode } from '../personal-code';
import { readCsvFolder } from './csv';
import type { ExportItem, ReadItem } from './items';
import { chunkOf, readJsonLines, type Share } from './jsonl';
import { ProblemList, type Problem, type Where } from './problems';
import { customerRows } from './rows';
import type { Notice } from '../../domain/notice';
import type { RequestStatus } from '../../domain/service-request';
import type { ServiceOffer } from '../../domain/catalogue';
import {
	readCompany,
	readCustomer,
	readHeader,
	readNotice,
	readRequestStatus,
	readServiceOffer,
	offerScopeKey,
	type CompanyProfile,
	type CustomerSnapshot,
	type ExportHeader
} from './records';

export interface PreparedCustomer {
	contractNumber: string;
	/** Keyed hash of the customer's rows: equal hashes mean nothing to write. */
	hash: string;
	/**
	 * The customer's rows (rows.ts) as JSON, with the personal code replaced by its keyed hash.
	 * They are parsed again only if written: a string crosses from a worker thread as one copy,
	 * where the lists would be cloned value by value, and an unchanged customer, most of a
	 * nightly export, is never written.
	 */
	rows: string;
}

export type CheckEvent =
	| { type: 'header'; header: ExportHeader; where: Where }
	| { type: 'company'; company: CompanyProfile }
	/** Every notice of the export, after its customers; none when it has no notice. */
	| { type: 'notices'; notices: Notice[] }
	/** The whole service catalogue, after the customers; none when the export has no offer. */
	| { type: 'catalogue'; offers: ServiceOffer[] }
	/** The company's answers to requests, after the customers; none when it has none. */
	| { type: 'requestStatuses'; statuses: RequestStatus[] }
	| { type: 'customers'; customers: PreparedCustomer[] };

/** Lines checked together, and so the customers written in one batch at most. */
export const LINES_PER_CHUNK = 500;

export const fileWhere = (source: string): Where => ({
	file: path.basename(source),
	row: 0,
	path: '',
	csv: false
});

/** What a path holds: JSON Lines files, checked in parallel chunks, or a CSV folder. */
export type ExportSource =
	{ kind: 'jsonl'; files: { path: string; name: string }[] } | { kind: 'csv'; folder: string };

/** A JSON Lines file, a CSV folder, or a folder of JSON Lines files; or why the path is none. */
export function findExport(source: string): ExportSource | { kind: 'none'; reason: string } {
	if (!fs.existsSync(source)) return { kind: 'none', reason: 'no such file or folder' };
	if (fs.statSync(source).isFile()) {
		if (/\.(jsonl|ndjson)$/i.test(source))
			return { kind: 'jsonl', files: [{ path: source, name: path.basename(source) }] };
		return {
			kind: 'none',
			reason: 'an export file is JSON Lines (.jsonl); CSV exports are a folder'
		};
	}
	if (fs.existsSync(path.join(source, 'export.csv'))) return { kind: 'csv', folder: source };
	const files = fs
		.readdirSync(source)
		.filter((name) => /\.(jsonl|ndjson)$/i.test(name))
		.sort()
		.map((name) => ({ path: path.join(source, name), name }));
	if (files.length === 0)
		return { kind: 'none', reason: 'the folder holds neither export.csv nor .jsonl files' };
	return { kind: 'jsonl', files };
}

export function prepareCustomer(snapshot: CustomerSnapshot, key: Buffer): PreparedCustomer {
	const personalCodeHash =
		snapshot.personalCode === null ? null : hashPersonalCode(key, snapshot.personalCode);
	// The hash covers the code's keyed hash, never the code, so it cannot be used to guess it.
	const rows = JSON.stringify(customerRows(snapshot, personalCodeHash));
	return {
		contractNumber: snapshot.contractNumber,
		hash: createHmac('sha256', key).update(rows).digest('hex'),
		rows
	};
}

/** One record checked on its own, before it meets the others. */
type Checked =
	| { type: 'export'; header: ExportHeader | null }
	| { type: 'company'; company: CompanyProfile | null }
	| { type: 'notice'; notice: Notice | null }
	| { type: 'service'; offer: ServiceOffer | null }
	| { type: 'requestStatus'; status: RequestStatus | null }
	/** `contract` as written, for the duplicate check even of a customer that failed its own. */
	| { type: 'customer'; contract: string; customer: PreparedCustomer | null }
	/** A blank line, or one that holds no record. */
	| { type: 'none' };

/**
 * A checked record and how many of its chunk's problems are its own: `read` found before it
 * was checked (the CSV reader's), then `own` found checking it.
 */
export type CheckedItem = Checked & { where: Where; read: number; own: number };

/**
 * A chunk of lines checked, in reading order. `problems` holds the first of its problems (as
 * many as a list shows; the items count them all), and `after` of them came after its last
 * record.
 */
export interface CheckedChunk {
	index: number;
	items: CheckedItem[];
	problems: Problem[];
	after: number;
}

function checkItem(item: ReadItem, key: Buffer, problems: ProblemList): Checked {
	switch (item.type) {
		case 'blank':
			return { type: 'none' };
		case 'unreadable':
			problems.add(item.where, item.field, item.reason);
			return { type: 'none' };
		case 'export':
			return { type: 'export', header: readHeader(item.value, item.where, problems) };
		case 'company':
			return { type: 'company', company: readCompany(item.value, item.where, problems) };
		case 'notice':
			return { type: 'notice', notice: readNotice(item.value, item.where, problems) };
		case 'service':
			return { type: 'service', offer: readServiceOffer(item.value, item.where, problems) };
		case 'requestStatus':
			return {
				type: 'requestStatus',
				status: readRequestStatus(item.value, item.where, problems)
			};
		case 'customer': {
			const snapshot = readCustomer(item.value, item.where, problems);
			return {
				type: 'customer',
				contract: String(item.value.contractNumber ?? '').trim(),
				customer: snapshot && prepareCustomer(snapshot, key)
			};
		}
	}
}

function* numbered(items: Iterable<ExportItem>): Generator<ReadItem> {
	let line = 0;
	for (const item of items) yield { ...item, line: ++line };
}

/**
 * Checks the share's chunks of an export, each record on its own: what a check worker does.
 * A CSV folder is read whole by one reader, so it is one share.
 */
export async function* checkChunks(
	found: ExportSource,
	key: Buffer,
	problemLimit: number,
	share: Share
): AsyncGenerator<CheckedChunk> {
	const problems = new ProblemList(problemLimit);
	const items =
		found.kind === 'jsonl'
			? readJsonLines(found.files, share)
			: numbered(readCsvFolder(found.folder, problems));
	let chunk: CheckedChunk | null = null;
	// The problem count after the last record checked; what the reader finds after it is
	// reported after it, in this chunk.
	let end = 0;
	const finish = (done: CheckedChunk): CheckedChunk => {
		const after = problems.count - end;
		const taken = problems.drain();
		end = 0;
		return { ...done, problems: taken.shown, after };
	};
	for await (const item of items) {
		const index = chunkOf(item.line, share.linesPerChunk);
		if (chunk && chunk.index !== index) {
			yield finish(chunk);
			chunk = null;
		}
		chunk ??= { index, items: [], problems: [], after: 0 };
		const before = problems.count;
		const checked = checkItem(item, key, problems);
		chunk.items.push({
			...checked,
			where: item.where,
			read: before - end,
			own: problems.count - before
		});
		end = problems.count;
	}
	if (!chunk && share.part === 0 && problems.count > 0)
		chunk = { index: 0, items: [], problems: [], after: 0 };
	if (chunk) yield finish(chunk);
}

/**
 * The checked chunks in order, checked against each other: what the import writes. Problems
 * go to `problems` in the order of the records they are about.
 */
export async function* mergeChecked(
	chunks: AsyncIterable<CheckedChunk>,
	source: string,
	problems: ProblemList
): AsyncGenerator<CheckEvent> {
	const contracts = new Set<string>();
	let notices: Notice[] | null = null;
	const statuses: RequestStatus[] = [];
	let offers: ServiceOffer[] | null = null;
	const offerScopes = new Set<string>();
	let sawHeader = false;
	for await (const chunk of chunks) {
		let next = 0;
		// The chunk's next n problems, taken over or (a duplicate's own) left out.
		const take = (n: number, kept = true) => {
			if (kept) for (let i = next; i < next + n; i++) problems.include(chunk.problems[i]);
			next += n;
		};
		const customers: PreparedCustomer[] = [];
		for (const item of chunk.items) {
			take(item.read);
			if (item.type === 'none') {
				take(item.own);
				continue;
			}
			if (item.type === 'export') {
				if (sawHeader) problems.add(item.where, 'type', 'a second export record');
				sawHeader = true;
				take(item.own);
				if (item.header) yield { type: 'header', header: item.header, where: item.where };
				continue;
			}
			if (!sawHeader) {
				problems.add(item.where, 'type', 'the export record (as of, next update) must come first');
				sawHeader = true;
			}
			if (item.type === 'customer') {
				const contract = item.contract;
				if (contract !== '' && contracts.has(contract)) {
					problems.add(
						item.where,
						'contractNumber',
						`customer "${contract}" appears more than once`
					);
					take(item.own, false);
					continue;
				}
				contracts.add(contract);
				take(item.own);
				if (item.customer) customers.push(item.customer);
				continue;
			}
			take(item.own);
			if (item.type === 'company') {
				if (item.company) yield { type: 'company', company: item.company };
			} else if (item.type === 'notice') {
				const notice = item.notice;
				notices ??= [];
				if (notice && notices.some((known) => known.id === notice.id))
					problems.add(item.where, 'id', `notice "${notice.id}" appears more than once`);
				else if (notice) notices.push(notice);
			} else if (item.type === 'service') {
				const offer = item.offer;
				offers ??= [];
				if (offer && offers.some((known) => known.id === offer.id))
					problems.add(item.where, 'id', `offer "${offer.id}" appears more than once`);
				else if (offer && offerScopes.has(offerScopeKey(offer)))
					problems.add(
						item.where,
						'volumeLitres',
						`a second offer of ${offer.volumeLitres} l for the same fraction, area and contracts`
					);
				else if (offer) {
					offers.push(offer);
					offerScopes.add(offerScopeKey(offer));
				}
			} else {
				const status = item.status;
				if (
					status &&
					statuses.some(
						(known) => known.reference === status.reference && known.state === status.state
					)
				)
					problems.add(
						item.where,
						'state',
						`request "${status.reference}" is "${status.state}" more than once`
					);
				else if (status) statuses.push(status);
			}
		}
		take(chunk.after);
		if (customers.length > 0) yield { type: 'customers', customers };
	}
	if (!sawHeader) problems.add(fileWhere(source), '', 'the export is empty');
	if (notices) yield { type: 'notices', notices };
	if (offers) yield { type: 'catalogue', offers };
	if (statuses.length > 0) yield { type: 'requestStatuses', statuses };
}
