/** Stores checked export records: a customer is replaced whole, and only when it changed. */
import type { Transaction } from 'kysely';
import { toBankAccount, toCompanyContacts } from '../company';
import {
	countRows,
	firstFreeId,
	gatherStatistics,
	insertRows,
	insertValues,
	markIdsUsed,
	type NumberedTable
} from '../db/bulk';
import type { Database } from '../db/schema';
import type { PreparedCustomer } from './check';
import type { Notice } from '../../domain/notice';
import { noticeRow, toNotice } from '../notice';
import { offerRow, toOffer } from '../catalogue';
import type { ServiceOffer } from '../../domain/catalogue';
import type { CompanyProfile } from './records';
import {
	addCustomerRows,
	CONTAINER_COLUMNS,
	DATE_COLUMNS,
	DETAIL_COLUMNS,
	DOCUMENT_COLUMNS,
	LINE_COLUMNS,
	noOwnedRows,
	PAYMENT_COLUMNS,
	type CustomerColumns,
	type CustomerRows,
	type OwnedRows
} from './rows';

type Trx = Transaction<Database>;

export interface WriteCounts {
	companyUpdated: boolean;
	noticesUpdated: boolean;
	catalogueUpdated: boolean;
	customersAdded: number;
	customersUpdated: number;
	customersUnchanged: number;
	rowsWritten: number;
	/** States the company's `requestStatus` records moved requests to. */
	requestsAnswered: number;
	/** References of statuses for requests the portal does not have. */
	requestsUnknown: string[];
}

export async function writeCompany(
	trx: Trx,
	company: CompanyProfile,
	now: string
): Promise<boolean> {
	const [current, accounts] = await Promise.all([
		trx.selectFrom('company').selectAll().where('id', '=', 1).executeTakeFirst(),
		trx.selectFrom('bank_account').selectAll().orderBy('position').execute()
	]);
	const stored = current && {
		...toCompanyContacts(current),
		bankAccounts: accounts.map(toBankAccount)
	};
	if (JSON.stringify(stored) === JSON.stringify(company)) return false;
	const row = {
		id: 1,
		brand_name: company.brandName,
		legal_name: company.legalName,
		registration_number: company.registrationNumber,
		vat_number: company.vatNumber,
		address: company.address,
		phone: company.phone,
		email: company.email,
		website: company.website,
		paper_invoice_fee_cents: company.paperInvoiceFeeCents,
		updated_at: now
	};
	await trx
		.insertInto('company')
		.values(row)
		.onConflict((oc) => oc.column('id').doUpdateSet(row))
		.execute();
	await trx.deleteFrom('bank_account').execute();
	await insertRows(
		trx,
		'bank_account',
		company.bankAccounts.map((a, position) => ({
			position,
			bank_name: a.bankName,
			iban: a.iban,
			bic: a.bic,
			internet_bank_url: a.internetBankUrl
		}))
	);
	return true;
}

/**
 * The export's notices replace the stored ones, as its company record does (an export with
 * none leaves them); false when they are the same.
 */
export async function writeNotices(trx: Trx, notices: Notice[]): Promise<boolean> {
	const stored = (await trx.selectFrom('notice').selectAll().orderBy('id').execute()).map(toNotice);
	const sorted = [...notices].sort((a, b) => a.id.localeCompare(b.id));
	if (JSON.stringify(stored) === JSON.stringify(sorted)) return false;
	await trx.deleteFrom('notice').execute();
	await insertRows(trx, 'notice', sorted.map(noticeRow));
	return true;
}

/** The export's catalogue replaces the stored one, as its notices do; false when the same. */
export async function writeCatalogue(trx: Trx, offers: ServiceOffer[]): Promise<boolean> {
	const stored = (await trx.selectFrom('service_offer').selectAll().orderBy('id').execute()).map(
		toOffer
	);
	const sorted = [...offers].sort((a, b) => a.id.localeCompare(b.id));
	if (JSON.stringify(stored) === JSON.stringify(sorted)) return false;
	await trx.deleteFrom('service_offer').execute();
	await insertRows(trx, 'service_offer', sorted.map(offerRow));
	return true;
}

/**
 * What the import knows of the stored customers — each one's id and snapshot hash, at the slot
 * its contract number gives — and the next id of each numbered table.
 */
export interface WriteState {
	slots: Map<string, number>;
	ids: number[];
	/** The hashes' 32 bytes one after another: a string and an object each held twice as much. */
	hashes: Buffer;
	next: Record<NumberedTable, number>;
}

const NUMBERED: NumberedTable[] = ['customer', 'document', 'container'];
/** What a customer's rows are written to. */
const CUSTOMER_TABLES = [
	'customer',
	'document',
	'document_line',
	'payment',
	'container',
	'collection_date',
	'collection_detail'
] as const;
const HASH_BYTES = 32;

/**
 * Read once as the import starts writing: every stored customer's id and snapshot hash (some
 * 10 MiB for 100 000 customers), so that no batch waits on a query before it is built.
 */
export async function startWriting(trx: Trx): Promise<WriteState> {
	const rows = await trx
		.selectFrom('customer')
		.select(['id', 'contract_number', 'snapshot_hash'])
		.execute();
	const state: WriteState = {
		slots: new Map(),
		ids: [],
		hashes: Buffer.alloc(rows.length * HASH_BYTES),
		next: { customer: 0, document: 0, container: 0 }
	};
	for (const [slot, row] of rows.entries()) {
		state.slots.set(row.contract_number, slot);
		state.ids.push(row.id);
		state.hashes.write(row.snapshot_hash, slot * HASH_BYTES, HASH_BYTES, 'hex');
	}
	for (const table of NUMBERED) state.next[table] = await firstFreeId(trx, table);
	return state;
}

/** The stored customer of a contract: its id, and whether its snapshot hash is `hash`. */
function storedOf(state: WriteState, contract: string, hash: string) {
	const slot = state.slots.get(contract);
	if (slot === undefined) return null;
	const at = slot * HASH_BYTES;
	return { id: state.ids[slot]!, same: state.hashes.toString('hex', at, at + HASH_BYTES) === hash };
}

/**
 * After the last batch: the ids given are marked used (PostgreSQL's sequences), and when
 * customers were written, the planner learns their tables anew.
 */
export async function finishWriting(
	trx: Trx,
	state: WriteState,
	counts: WriteCounts
): Promise<void> {
	for (const table of NUMBERED) await markIdsUsed(trx, table, state.next[table] - 1);
	if (counts.customersAdded + counts.customersUpdated > 0)
		await gatherStatistics(trx, CUSTOMER_TABLES);
}

type CustomerRow = CustomerColumns & { snapshot_hash: string; imported_at: string };

/**
 * A batch's rows, built without the database (prepareBatch): each table's as flat values,
 * row after row in its columns' order, with the ids the import gave.
 */
export interface BatchRows extends OwnedRows {
	/** Changed customers: their rows of documents, payments and containers go first. */
	changedIds: number[];
	updates: { id: number; row: CustomerRow }[];
	added: (CustomerRow & { id: number })[];
}

/** Customers built between two turns of the event loop: see loadExport in index.ts. */
const CUSTOMERS_PER_TURN = 25;

/**
 * Builds a batch's rows: unchanged customers are skipped (and never parsed again), changed
 * ones keep their id and lose their old rows, new ones get the next ids. It gives the event
 * loop a turn every few customers, so on PostgreSQL the previous batch's statements keep
 * going out while this one is built.
 */
export async function prepareBatch(
	batch: PreparedCustomer[],
	state: WriteState,
	counts: WriteCounts,
	now: string
): Promise<BatchRows> {
	const rows: BatchRows = { changedIds: [], updates: [], added: [], ...noOwnedRows() };
	for (const [n, customer] of batch.entries()) {
		if (n % CUSTOMERS_PER_TURN === CUSTOMERS_PER_TURN - 1)
			await new Promise((resolve) => setImmediate(resolve));
		const stored = storedOf(state, customer.contractNumber, customer.hash);
		if (stored?.same) {
			counts.customersUnchanged++;
			continue;
		}
		// Made by prepareCustomer in a check worker, from a customer it checked.
		const customerRows = JSON.parse(customer.rows) as CustomerRows;
		const row = { ...customerRows[0], snapshot_hash: customer.hash, imported_at: now };
		// A contract comes once in an export (mergeChecked), so nothing here is looked up again.
		const id = stored?.id ?? state.next.customer++;
		if (stored) {
			rows.changedIds.push(id);
			rows.updates.push({ id, row });
			counts.customersUpdated++;
		} else {
			rows.added.push({ id, ...row });
			counts.customersAdded++;
		}
		addCustomerRows(rows, customerRows, id, state.next);
	}
	return rows;
}

/** Stores a batch's rows; the number of rows written. */
export async function writeBatch(trx: Trx, rows: BatchRows): Promise<number> {
	if (rows.changedIds.length > 0) {
		// Children first: on SQLite nothing cascades on the import's connection (db/index.ts).
		const changed = rows.changedIds;
		const documents = trx.selectFrom('document').select('id').where('customer_id', 'in', changed);
		const containers = trx.selectFrom('container').select('id').where('customer_id', 'in', changed);
		await trx.deleteFrom('document_line').where('document_id', 'in', documents).execute();
		await trx.deleteFrom('payment').where('customer_id', 'in', changed).execute();
		await trx.deleteFrom('document').where('customer_id', 'in', changed).execute();
		await trx.deleteFrom('collection_detail').where('container_id', 'in', containers).execute();
		await trx.deleteFrom('collection_date').where('container_id', 'in', containers).execute();
		await trx.deleteFrom('container').where('customer_id', 'in', changed).execute();
	}
	for (const { id, row } of rows.updates)
		await trx.updateTable('customer').set(row).where('id', '=', id).execute();
	await insertRows(trx, 'customer', rows.added);
	await insertValues(trx, 'document', DOCUMENT_COLUMNS, rows.documents);
	await insertValues(trx, 'document_line', LINE_COLUMNS, rows.lines);
	await insertValues(trx, 'payment', PAYMENT_COLUMNS, rows.payments);
	await insertValues(trx, 'container', CONTAINER_COLUMNS, rows.containers);
	await insertValues(trx, 'collection_date', DATE_COLUMNS, rows.dates);
	await insertValues(trx, 'collection_detail', DETAIL_COLUMNS, rows.details);
	return (
		rows.updates.length +
		rows.added.length +
		countRows(rows.documents, DOCUMENT_COLUMNS.length) +
		countRows(rows.lines, LINE_COLUMNS.length) +
		countRows(rows.payments, PAYMENT_COLUMNS.length) +
		countRows(rows.containers, CONTAINER_COLUMNS.length) +
		countRows(rows.dates, DATE_COLUMNS.length) +
		countRows(rows.details, DETAIL_COLUMNS.length)
	);
}
