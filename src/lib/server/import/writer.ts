/** Stores checked export records: a customer is replaced whole, and only when it changed. */
import type { Transaction } from 'kysely';
import { toBankAccount, toCompanyContacts } from '../company';
import { insertRows, insertValues } from '../db/bulk';
import type { Database } from '../db/schema';
import { openPrepared, type PreparedCustomer } from './check';
import type { Notice } from '../../domain/notice';
import { noticeRow, toNotice } from '../notice';
import { offerRow, toOffer } from '../catalogue';
import type { ServiceOffer } from '../../domain/catalogue';
import type { CompanyProfile, CustomerSnapshot } from './records';

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

function customerRow(
	{
		snapshot: s,
		personalCodeHash
	}: { snapshot: CustomerSnapshot; personalCodeHash: string | null },
	hash: string,
	now: string
) {
	return {
		contract_number: s.contractNumber,
		kind: s.kind,
		name: s.name,
		personal_code_hash: personalCodeHash,
		registration_number: s.registrationNumber,
		vat_number: s.vatNumber,
		legal_address: s.legalAddress,
		phone: s.phone,
		email: s.email,
		invoice_delivery: s.invoiceDelivery,
		e_invoice_agreement: s.eInvoiceAgreement,
		balance_cents: s.balanceCents,
		balance_as_of: s.balanceAsOf,
		snapshot_hash: hash,
		imported_at: now
	};
}

/**
 * Writes a batch of customers; unchanged ones are skipped (and never parsed again), changed
 * ones lose their old rows first.
 */
export async function writeCustomers(
	trx: Trx,
	batch: PreparedCustomer[],
	counts: WriteCounts,
	now: string
): Promise<void> {
	const existing = await trx
		.selectFrom('customer')
		.select(['id', 'contract_number', 'snapshot_hash'])
		.where(
			'contract_number',
			'in',
			batch.map((c) => c.contractNumber)
		)
		.execute();
	const byContract = new Map(existing.map((row) => [row.contract_number, row]));
	const ids = new Map<string, number>();
	const added: PreparedCustomer[] = [];
	const changed: PreparedCustomer[] = [];
	for (const customer of batch) {
		const row = byContract.get(customer.contractNumber);
		if (!row) added.push(customer);
		else if (row.snapshot_hash === customer.hash) counts.customersUnchanged++;
		else {
			changed.push(customer);
			ids.set(customer.contractNumber, row.id);
		}
	}
	if (changed.length > 0) {
		const changedIds = [...ids.values()];
		// Deleting the documents and containers cascades to their lines and collection dates,
		// and the dates to their details.
		await trx.deleteFrom('payment').where('customer_id', 'in', changedIds).execute();
		await trx.deleteFrom('document').where('customer_id', 'in', changedIds).execute();
		await trx.deleteFrom('container').where('customer_id', 'in', changedIds).execute();
	}
	const opened = new Map([...added, ...changed].map((c) => [c, openPrepared(c)]));
	for (const customer of changed) {
		await trx
			.updateTable('customer')
			.set(customerRow(opened.get(customer)!, customer.hash, now))
			.where('id', '=', ids.get(customer.contractNumber)!)
			.execute();
	}
	const inserted = await insertRows<'customer', { id: number; contract_number: string }>(
		trx,
		'customer',
		added.map((c) => customerRow(opened.get(c)!, c.hash, now)),
		['id', 'contract_number']
	);
	for (const row of inserted) ids.set(row.contract_number, row.id);
	counts.customersAdded += added.length;
	counts.customersUpdated += changed.length;
	counts.rowsWritten += added.length + changed.length;
	await writeOwnedRows(
		trx,
		[...added, ...changed].map((c) => ({
			id: ids.get(c.contractNumber)!,
			snapshot: opened.get(c)!.snapshot
		})),
		counts
	);
}

async function writeOwnedRows(
	trx: Trx,
	customers: { id: number; snapshot: CustomerSnapshot }[],
	counts: WriteCounts
): Promise<void> {
	const documentRows = customers.flatMap(({ id, snapshot }) =>
		snapshot.documents.map((d) => ({
			customer_id: id,
			kind: d.kind,
			number: d.number,
			issue_date: d.issueDate,
			due_date: d.dueDate,
			period_start: d.periodStart,
			period_end: d.periodEnd,
			net_cents: d.netCents,
			vat_cents: d.vatCents,
			total_cents: d.totalCents,
			payment_reference: d.paymentReference
		}))
	);
	const documentIds = new Map<string, number>();
	const documents = await insertRows<
		'document',
		{ id: number; customer_id: number; number: string }
	>(trx, 'document', documentRows, ['id', 'customer_id', 'number']);
	for (const row of documents) documentIds.set(`${row.customer_id}/${row.number}`, row.id);
	// Lines and dates, the most rows by far, go as flat values (insertValues), each document's
	// and container's id looked up once.
	const lineValues: unknown[] = [];
	for (const { id, snapshot } of customers)
		for (const d of snapshot.documents) {
			const documentId = documentIds.get(`${id}/${d.number}`)!;
			d.lines.forEach((line, position) =>
				lineValues.push(
					documentId,
					position,
					line.description,
					line.quantityMilli,
					line.unit,
					line.unitPriceCents,
					line.vatRate,
					line.netCents
				)
			);
		}
	const paymentRows = customers.flatMap(({ id, snapshot }) =>
		snapshot.payments.map((p) => ({
			customer_id: id,
			document_id: p.documentNumber === null ? null : documentIds.get(`${id}/${p.documentNumber}`)!,
			payment_date: p.date,
			amount_cents: p.amountCents,
			bank: p.bank,
			reference: p.reference
		}))
	);
	const containerRows = customers.flatMap(({ id, snapshot }) =>
		snapshot.containers.map((c) => ({
			customer_id: id,
			code: c.code,
			address: c.address,
			fraction: c.fraction,
			volume_litres: c.volumeLitres,
			count: c.count,
			frequency: c.frequency
		}))
	);
	const containerIds = new Map<string, number>();
	const containers = await insertRows<
		'container',
		{ id: number; customer_id: number; code: string }
	>(trx, 'container', containerRows, ['id', 'customer_id', 'code']);
	for (const row of containers) containerIds.set(`${row.customer_id}/${row.code}`, row.id);
	const dateValues: unknown[] = [];
	for (const { id, snapshot } of customers)
		for (const c of snapshot.containers) {
			const containerId = containerIds.get(`${id}/${c.code}`)!;
			for (const date of c.dates) dateValues.push(containerId, date);
		}
	const detailRows = customers.flatMap(({ id, snapshot }) =>
		snapshot.containers.flatMap((c) => {
			const containerId = containerIds.get(`${id}/${c.code}`)!;
			return c.details.map(({ date, result, moved }) => ({
				container_id: containerId,
				collection_date: date,
				outcome: result?.outcome ?? null,
				outcome_time: result?.time ?? null,
				outcome_reason: result?.reason ?? null,
				moved_from: moved?.from ?? null,
				move_reason: moved?.reason ?? null
			}));
		})
	);
	const lineColumns = [
		'document_id',
		'position',
		'description',
		'quantity_milli',
		'unit',
		'unit_price_cents',
		'vat_rate',
		'net_cents'
	] as const;
	await insertValues(trx, 'document_line', lineColumns, lineValues);
	await insertRows(trx, 'payment', paymentRows);
	await insertValues(trx, 'collection_date', ['container_id', 'collection_date'], dateValues);
	await insertRows(trx, 'collection_detail', detailRows);
	counts.rowsWritten +=
		documentRows.length +
		lineValues.length / lineColumns.length +
		paymentRows.length +
		containerRows.length +
		dateValues.length / 2 +
		detailRows.length;
}
