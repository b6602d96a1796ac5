/**
 * Reads the CSV form of an export: a folder of `;`-separated UTF-8 files (with or
 * without BOM), one per kind of row, joined on the contract number. The rows are
 * gathered into the same nested records the JSON Lines form has.
 */
import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import path from 'node:path';
import type { ExportItem } from './items';
import { origins, type ProblemList, type Where } from './problems';

type Row = Record<string, unknown>;

interface CsvFile {
	name: string;
	required: boolean;
	columns: string[];
	optional?: string[];
}

export const CSV_FILES = {
	export: { name: 'export.csv', required: true, columns: ['as_of', 'next_update'] },
	company: {
		name: 'company.csv',
		required: false,
		columns: [
			'brand_name',
			'legal_name',
			'registration_number',
			'address',
			'phone',
			'email',
			'paper_invoice_fee'
		],
		optional: ['vat_number', 'website']
	},
	bankAccounts: {
		name: 'bank_accounts.csv',
		required: false,
		columns: ['bank_name', 'iban', 'bic'],
		optional: ['internet_bank_url']
	},
	customers: {
		name: 'customers.csv',
		required: true,
		columns: ['contract_number', 'kind', 'name', 'invoice_delivery', 'balance', 'balance_as_of'],
		optional: [
			'personal_code',
			'registration_number',
			'vat_number',
			'legal_address',
			'phone',
			'email',
			'e_invoice_agreement'
		]
	},
	documents: {
		name: 'documents.csv',
		required: true,
		columns: [
			'contract_number',
			'kind',
			'number',
			'issue_date',
			'due_date',
			'period_start',
			'period_end',
			'net',
			'vat',
			'total',
			'payment_reference'
		]
	},
	lines: {
		name: 'document_lines.csv',
		required: true,
		columns: [
			'contract_number',
			'document_number',
			'description',
			'quantity',
			'unit',
			'unit_price',
			'vat_rate',
			'net'
		]
	},
	payments: {
		name: 'payments.csv',
		required: true,
		columns: ['contract_number', 'date', 'amount', 'bank'],
		optional: ['reference', 'document']
	},
	containers: {
		name: 'containers.csv',
		required: true,
		columns: [
			'contract_number',
			'code',
			'address',
			'fraction',
			'volume_litres',
			'count',
			'frequency'
		]
	},
	notices: {
		name: 'notices.csv',
		required: false,
		columns: ['id', 'severity', 'from', 'to', 'text_lv'],
		optional: ['fractions', 'contracts', 'area', 'text_en', 'text_ru']
	},
	services: {
		name: 'services.csv',
		required: false,
		columns: ['id', 'fraction', 'volume_litres', 'frequencies', 'emptying_price', 'vat_rate'],
		optional: [
			'area',
			'contracts',
			'monthly_price',
			'rent_price',
			'skip',
			'cutoff_days',
			'cutoff_time',
			'extra_days'
		]
	},
	requestStatuses: {
		name: 'request_statuses.csv',
		required: false,
		columns: ['request', 'state'],
		optional: ['date', 'note']
	},
	dates: {
		name: 'collection_dates.csv',
		required: true,
		columns: ['contract_number', 'container_code', 'collection_date'],
		optional: ['outcome', 'time', 'reason', 'moved_from', 'move_reason']
	}
} satisfies Record<string, CsvFile>;

const camel = (column: string) =>
	column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** Parses one file into tagged rows with camelCase keys; reports a missing file or column. */
function readCsv(folder: string, spec: CsvFile, problems: ProblemList): Row[] | null {
	const file = path.join(folder, spec.name);
	const fileWhere: Where = { file: spec.name, row: 1, path: '', csv: true };
	if (!fs.existsSync(file)) {
		if (spec.required)
			problems.add(fileWhere, '', 'the file is missing (it may hold only the header row)');
		return null;
	}
	let records: { record: string[]; info: { lines: number } }[];
	try {
		// csv-parse's types do not follow `info: true`, which wraps each record with its position.
		const parsed: unknown = parse(fs.readFileSync(file, 'utf8'), {
			bom: true,
			delimiter: ';',
			skip_empty_lines: true,
			info: true,
			trim: true
		});
		records = parsed as typeof records;
	} catch (error) {
		const line = (error as { lines?: number }).lines ?? 1;
		problems.add({ ...fileWhere, row: line }, '', `is not valid CSV: ${(error as Error).message}`);
		return null;
	}
	const [header, ...body] = records;
	if (header === undefined) {
		problems.add(fileWhere, '', 'the file is empty: it needs at least the header row');
		return null;
	}
	const names = header.record.map((name) => name.toLowerCase());
	const missing = spec.columns.filter((column) => !names.includes(column));
	for (const column of missing) problems.add(fileWhere, column, 'the column is missing');
	if (missing.length > 0) return null;
	const known = new Set([...spec.columns, ...(spec.optional ?? [])]);
	return body.map(({ record, info }) => {
		const row: Row = {};
		names.forEach((name, i) => {
			if (known.has(name)) row[camel(name)] = record[i];
		});
		origins.set(row, { file: spec.name, row: info.lines, path: '', csv: true });
		return row;
	});
}

/** A list written in one cell. */
const list = (cell: unknown, separator = /[\s,]+/) =>
	String(cell ?? '')
		.split(separator)
		.map((item) => item.trim())
		.filter((item) => item !== '');

const key = (...parts: unknown[]) => parts.map((part) => String(part ?? '').trim()).join('\u0000');

/** Attaches each child row to its parent; a row whose parent is unknown is reported. */
function attach(
	children: Row[],
	parents: Map<string, Row>,
	link: { key: (row: Row) => string; field: string; describe: (row: Row) => string },
	listKey: string,
	problems: ProblemList
) {
	for (const child of children) {
		const parent = parents.get(link.key(child));
		if (parent) (parent[listKey] as Row[]).push(child);
		else
			problems.add(
				origins.get(child)!,
				link.field,
				`refers to ${link.describe(child)}, which is not in the export`
			);
	}
}

export function* readCsvFolder(folder: string, problems: ProblemList): Generator<ExportItem> {
	const rows = Object.fromEntries(
		Object.entries(CSV_FILES).map(([name, spec]) => [name, readCsv(folder, spec, problems)])
	) as Record<keyof typeof CSV_FILES, Row[] | null>;

	const header = rows.export?.[0];
	if (header) yield { type: 'export', value: header, where: origins.get(header)! };
	if (rows.company?.[0]) {
		const company = { ...rows.company[0], bankAccounts: rows.bankAccounts ?? [] };
		yield { type: 'company', value: company, where: origins.get(rows.company[0])! };
	}

	// A notice's lists are written space- or comma-separated in one cell (its texts stay one
	// column each: readNotice reads text_lv, text_en and text_ru from a CSV row).
	for (const row of rows.notices ?? []) {
		const notice = { ...row, fractions: list(row.fractions), contracts: list(row.contracts) };
		yield { type: 'notice', value: notice, where: origins.get(row)! };
	}
	// So are an offer's, but its frequencies by commas alone: "1 reizi 2 nedēļās" holds spaces.
	for (const row of rows.services ?? []) {
		const offer = {
			...row,
			frequencies: list(row.frequencies, /,/),
			contracts: list(row.contracts),
			extraDays: list(row.extraDays)
		};
		yield { type: 'service', value: offer, where: origins.get(row)! };
	}

	for (const row of rows.requestStatuses ?? [])
		yield { type: 'requestStatus', value: row, where: origins.get(row)! };

	const customers = new Map<string, Row>();
	for (const row of rows.customers ?? []) {
		Object.assign(row, { documents: [], payments: [], containers: [] });
		if (!customers.has(key(row.contractNumber))) customers.set(key(row.contractNumber), row);
	}
	const documents = new Map<string, Row>();
	for (const row of rows.documents ?? []) {
		row.lines = [];
		documents.set(key(row.contractNumber, row.number), row);
	}
	const containers = new Map<string, Row>();
	for (const row of rows.containers ?? []) {
		row.dates = [];
		containers.set(key(row.contractNumber, row.code), row);
	}
	const toCustomer = {
		key: (row: Row) => key(row.contractNumber),
		field: 'contractNumber',
		describe: (row: Row) => `customer "${String(row.contractNumber)}"`
	};
	// Children of a file that could not be read are not reported again as orphans.
	if (rows.customers) {
		attach(rows.documents ?? [], customers, toCustomer, 'documents', problems);
		attach(rows.payments ?? [], customers, toCustomer, 'payments', problems);
		attach(rows.containers ?? [], customers, toCustomer, 'containers', problems);
	}
	const toDocument = {
		key: (row: Row) => key(row.contractNumber, row.documentNumber),
		field: 'documentNumber',
		describe: (row: Row) =>
			`document "${String(row.documentNumber)}" of customer "${String(row.contractNumber)}"`
	};
	if (rows.documents) attach(rows.lines ?? [], documents, toDocument, 'lines', problems);
	const toContainer = {
		key: (row: Row) => key(row.contractNumber, row.containerCode),
		field: 'containerCode',
		describe: (row: Row) =>
			`container "${String(row.containerCode)}" of customer "${String(row.contractNumber)}"`
	};
	if (rows.containers) attach(rows.dates ?? [], containers, toContainer, 'dates', problems);

	for (const row of rows.customers ?? [])
		yield { type: 'customer', value: row, where: origins.get(row)! };
}
