/**
 * Reading and checking an export, apart from storing it: yields the header, the company and
 * batches of checked customers with their snapshot hashes. It touches no database, so it can
 * run in a worker thread while the main thread writes.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hashPersonalCode } from '../personal-code';
import { readCsvFolder } from './csv';
import type { ExportItem } from './items';
import { readJsonLines } from './jsonl';
import { ProblemList, type Where } from './problems';
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
	snapshot: CustomerSnapshot;
	personalCodeHash: string | null;
	/** Keyed hash of the whole snapshot: equal hashes mean nothing to write. */
	hash: string;
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

const CUSTOMERS_PER_BATCH = 500;

export const fileWhere = (source: string): Where => ({
	file: path.basename(source),
	row: 0,
	path: '',
	csv: false
});

function* nothing(): Generator<ExportItem> {}

/** The readers for a path: a JSON Lines file, a CSV folder, or a folder of JSON Lines files. */
function readExport(
	source: string,
	problems: ProblemList
): AsyncIterable<ExportItem> | Iterable<ExportItem> {
	const where = fileWhere(source);
	if (!fs.existsSync(source)) return (problems.add(where, '', 'no such file or folder'), nothing());
	if (fs.statSync(source).isFile()) {
		if (/\.(jsonl|ndjson)$/i.test(source))
			return readJsonLines(source, path.basename(source), problems);
		return (
			problems.add(where, '', 'an export file is JSON Lines (.jsonl); CSV exports are a folder'),
			nothing()
		);
	}
	if (fs.existsSync(path.join(source, 'export.csv'))) return readCsvFolder(source, problems);
	const files = fs
		.readdirSync(source)
		.filter((name) => /\.(jsonl|ndjson)$/i.test(name))
		.sort();
	if (files.length === 0)
		return (
			problems.add(where, '', 'the folder holds neither export.csv nor .jsonl files'),
			nothing()
		);
	return (async function* () {
		for (const name of files) yield* readJsonLines(path.join(source, name), name, problems);
	})();
}

export function prepareCustomer(snapshot: CustomerSnapshot, key: Buffer): PreparedCustomer {
	const personalCodeHash =
		snapshot.personalCode === null ? null : hashPersonalCode(key, snapshot.personalCode);
	// The hash covers the code's keyed hash, never the code, so it cannot be used to guess it.
	const canonical = JSON.stringify({ ...snapshot, personalCode: personalCodeHash });
	return {
		snapshot: { ...snapshot, personalCode: null },
		personalCodeHash,
		hash: createHmac('sha256', key).update(canonical).digest('hex')
	};
}

export async function* checkExport(
	source: string,
	key: Buffer,
	problems: ProblemList
): AsyncGenerator<CheckEvent> {
	const contracts = new Set<string>();
	let notices: Notice[] | null = null;
	const statuses: RequestStatus[] = [];
	let offers: ServiceOffer[] | null = null;
	const offerScopes = new Set<string>();
	let batch: PreparedCustomer[] = [];
	let sawHeader = false;
	for await (const item of readExport(source, problems)) {
		if (item.type === 'export') {
			if (sawHeader) problems.add(item.where, 'type', 'a second export record');
			sawHeader = true;
			const header = readHeader(item.value, item.where, problems);
			if (header) yield { type: 'header', header, where: item.where };
			continue;
		}
		if (!sawHeader) {
			problems.add(item.where, 'type', 'the export record (as of, next update) must come first');
			sawHeader = true;
		}
		if (item.type === 'company') {
			const company = readCompany(item.value, item.where, problems);
			if (company) yield { type: 'company', company };
			continue;
		}
		if (item.type === 'notice') {
			notices ??= [];
			const notice = readNotice(item.value, item.where, problems);
			if (notice && notices.some((known) => known.id === notice.id))
				problems.add(item.where, 'id', `notice "${notice.id}" appears more than once`);
			else if (notice) notices.push(notice);
			continue;
		}
		if (item.type === 'service') {
			offers ??= [];
			const offer = readServiceOffer(item.value, item.where, problems);
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
			continue;
		}
		if (item.type === 'requestStatus') {
			const status = readRequestStatus(item.value, item.where, problems);
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
			continue;
		}
		const contract = String(item.value.contractNumber ?? '').trim();
		if (contract !== '' && contracts.has(contract)) {
			problems.add(item.where, 'contractNumber', `customer "${contract}" appears more than once`);
			continue;
		}
		contracts.add(contract);
		const snapshot = readCustomer(item.value, item.where, problems);
		if (!snapshot) continue;
		batch.push(prepareCustomer(snapshot, key));
		if (batch.length >= CUSTOMERS_PER_BATCH) {
			yield { type: 'customers', customers: batch };
			batch = [];
		}
	}
	if (!sawHeader) problems.add(fileWhere(source), '', 'the export is empty');
	if (batch.length > 0) yield { type: 'customers', customers: batch };
	if (notices) yield { type: 'notices', notices };
	if (offers) yield { type: 'catalogue', offers };
	if (statuses.length > 0) yield { type: 'requestStatuses', statuses };
}
