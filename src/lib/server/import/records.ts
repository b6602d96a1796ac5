/** The records of an export, checked field by field into the shapes the writer stores. */
import {
	checkContractNumber,
	checkEmail,
	checkIban,
	checkPersonalCode,
	checkPhone,
	checkRegistrationNumber,
	checkVatNumber,
	isRecordCode
} from '../../validators';
import { FRACTIONS } from '../../calendar';
import type { BankAccount, CompanyContacts } from '../../domain/company';
import {
	COLLECTION_OUTCOMES,
	type CollectionDetail,
	type CollectionMove,
	type CollectionResult
} from '../../domain/collection';
import type { ContainerInfo } from '../../domain/container';
import { NOTICE_SEVERITIES, type Notice } from '../../domain/notice';
import { ANSWER_STATES, normalReference, type RequestStatus } from '../../domain/service-request';
import type { CustomerKind, EInvoiceAgreement, InvoiceDelivery } from '../../domain/customer';
import { totalsOf, type DocumentKind, type DocumentLine } from '../../domain/document';
import {
	DEFAULT_CUTOFF,
	emptyingsPerMonth,
	SKIP_RULES,
	WEEKDAYS,
	type ServiceOffer
} from '../../domain/catalogue';
import { parseDay } from '../../dates';
import { Fields, isObject } from './fields';
import { whereOf, type ProblemList, type Where } from './problems';

export const FORMAT = 'klientiem-export/1';

export interface ExportHeader {
	asOf: string;
	nextUpdate: string;
}

/** The company's profile as the export delivers it: its contacts and its bank accounts. */
export interface CompanyProfile extends CompanyContacts {
	bankAccounts: BankAccount[];
}

export interface SettlementDocument {
	kind: DocumentKind;
	number: string;
	issueDate: string;
	dueDate: string;
	periodStart: string;
	periodEnd: string;
	netCents: number;
	vatCents: number;
	totalCents: number;
	paymentReference: string;
	lines: DocumentLine[];
}

export interface Payment {
	date: string;
	amountCents: number;
	bank: string;
	reference: string;
	documentNumber: string | null;
}

export interface Container extends ContainerInfo {
	dates: string[];
	/** The dates with an outcome or a move, in date order. */
	details: CollectionDetail[];
}

export interface CustomerSnapshot {
	contractNumber: string;
	kind: CustomerKind;
	name: string;
	/** The personal code's 11 digits; replaced by its keyed hash before anything is stored. */
	personalCode: string | null;
	registrationNumber: string | null;
	vatNumber: string | null;
	legalAddress: string | null;
	phone: string | null;
	email: string | null;
	invoiceDelivery: InvoiceDelivery;
	eInvoiceAgreement: EInvoiceAgreement;
	balanceCents: number;
	balanceAsOf: string;
	documents: SettlementDocument[];
	payments: Payment[];
	containers: Container[];
}

/**
 * A record as its fields were read: each is null where reading it failed, and the reader
 * reported why. Written out `satisfies Read<T>`, a field of T left out is a compile error.
 */
type Read<T> = { [K in keyof T]: T[K] | null };

/**
 * The record, once reading it reported nothing new. Every field reader reports a problem
 * when it gives null for a required field, so with none reported the nulls left are
 * optional fields' own values, and the record is a T.
 */
function whenValid<T>(record: Read<T>, problems: ProblemList, before: number): T | null {
	return problems.count === before ? (record as T) : null;
}

const codeCheck = (input: string) =>
	isRecordCode(input)
		? { ok: true as const, value: input }
		: { ok: false as const, reason: 'must be 1–40 letters, digits or - / . _' };

export function readHeader(
	value: Record<string, unknown>,
	where: Where,
	problems: ProblemList
): ExportHeader | null {
	const fields = new Fields(value, where, problems);
	if (!where.csv && value.format !== FORMAT) fields.report('format', `must be "${FORMAT}"`);
	const asOf = fields.day('asOf');
	const nextUpdate = fields.day('nextUpdate');
	if (asOf && nextUpdate && nextUpdate < asOf) fields.report('nextUpdate', 'is before asOf');
	return asOf && nextUpdate ? { asOf, nextUpdate } : null;
}

export function readCompany(
	value: Record<string, unknown>,
	where: Where,
	problems: ProblemList
): CompanyProfile | null {
	const before = problems.count;
	const f = new Fields(value, where, problems);
	const bankAccounts = f
		.list('bankAccounts')
		.map((raw, i) =>
			readBankAccount(
				raw,
				whereOf(isObject(raw) ? raw : {}, where, `.bankAccounts[${i}]`),
				problems
			)
		);
	const company = {
		brandName: f.text('brandName'),
		legalName: f.text('legalName'),
		registrationNumber: f.checked('registrationNumber', checkRegistrationNumber),
		vatNumber: f.optionalText('vatNumber', 20),
		address: f.text('address'),
		phone: f.checked('phone', checkPhone),
		email: f.checked('email', checkEmail),
		website: f.optionalText('website'),
		paperInvoiceFeeCents: f.cents('paperInvoiceFee'),
		bankAccounts: bankAccounts.filter((account) => account !== null)
	} satisfies Read<CompanyProfile>;
	if (bankAccounts.length === 0) f.report('bankAccounts', 'at least one bank account is required');
	return whenValid(company, problems, before);
}

function readBankAccount(raw: unknown, where: Where, problems: ProblemList): BankAccount | null {
	if (!isObject(raw)) return (problems.add(where, '', 'must be an object'), null);
	const before = problems.count;
	const f = new Fields(raw, where, problems);
	const account = {
		bankName: f.text('bankName', 80),
		iban: f.checked('iban', checkIban),
		bic: f.checked('bic', (input) =>
			/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(input)
				? { ok: true, value: input }
				: { ok: false, reason: 'is not a BIC (8 or 11 letters and digits)' }
		),
		internetBankUrl: f.checked(
			'internetBankUrl',
			(input) =>
				/^https:\/\/[^\s]+$/.test(input)
					? { ok: true, value: input }
					: { ok: false, reason: 'must be an https:// address' },
			false
		)
	} satisfies Read<BankAccount>;
	return whenValid(account, problems, before);
}

/** Checks one customer with everything it owns; null when anything in it is wrong. */
export function readCustomer(
	value: Record<string, unknown>,
	where: Where,
	problems: ProblemList
): CustomerSnapshot | null {
	const before = problems.count;
	const f = new Fields(value, where, problems);
	const kind = f.oneOf('kind', ['private', 'legal'] as const);
	const customer = {
		contractNumber: f.checked('contractNumber', checkContractNumber),
		kind,
		name: f.text('name'),
		personalCode:
			kind === 'legal'
				? absent(f, 'personalCode')
				: f.checked('personalCode', checkPersonalCode, false),
		registrationNumber:
			kind === 'legal'
				? f.checked('registrationNumber', checkRegistrationNumber)
				: absent(f, 'registrationNumber'),
		vatNumber:
			kind === 'legal' ? f.checked('vatNumber', checkVatNumber, false) : absent(f, 'vatNumber'),
		legalAddress: kind === 'legal' ? f.optionalText('legalAddress') : absent(f, 'legalAddress'),
		phone: f.checked('phone', checkPhone, false),
		email: f.checked('email', checkEmail, false),
		invoiceDelivery: f.oneOf('invoiceDelivery', ['paper', 'electronic'] as const),
		eInvoiceAgreement: f.oneOf(
			'eInvoiceAgreement',
			['none', 'received', 'active'] as const,
			'none'
		),
		balanceCents: f.cents('balance', 'any'),
		balanceAsOf: f.day('balanceAsOf'),
		documents: eachObject(f, 'documents', (doc, at) => readDocument(doc, at, problems)),
		payments: [] as Payment[],
		containers: eachObject(f, 'containers', (container, at) =>
			readContainer(container, at, problems)
		)
	} satisfies Read<CustomerSnapshot>;
	const numbers = uniqueKeys(f, 'documents', 'number');
	customer.payments = eachObject(f, 'payments', (payment, at) =>
		readPayment(payment, at, problems, numbers)
	);
	uniqueKeys(f, 'containers', 'code');
	return whenValid(customer, problems, before);
}

/** What only a legal entity has, as a problem names it. */
const LEGAL_ONLY = {
	registrationNumber: 'a registration number',
	vatNumber: 'a VAT number',
	legalAddress: 'a legal address'
};

function absent(f: Fields, key: 'personalCode' | keyof typeof LEGAL_ONLY): null {
	if (f.optionalText(key) !== null)
		f.report(
			key,
			key === 'personalCode'
				? 'a legal entity has a registration number, not a personal code'
				: `only legal entities have ${LEGAL_ONLY[key]}`
		);
	return null;
}

function eachObject<T>(
	f: Fields,
	key: string,
	read: (value: Record<string, unknown>, where: Where) => T | null
): T[] {
	const results: T[] = [];
	f.list(key).forEach((raw, i) => {
		const segment = `.${key}[${i}]`;
		if (!isObject(raw)) return f.problems.add(f.where, `${key}[${i}]`, 'must be an object');
		const result = read(raw, whereOf(raw, f.where, segment));
		if (result !== null) results.push(result);
	});
	return results;
}

/** Reports the second and later items with the same key; returns the set of keys. */
function uniqueKeys(f: Fields, listKey: string, keyField: string): Set<string> {
	const seen = new Set<string>();
	f.list(listKey).forEach((raw, i) => {
		if (!isObject(raw)) return;
		const key = String(raw[keyField] ?? '').trim();
		if (key === '') return;
		if (seen.has(key))
			f.problems.add(
				whereOf(raw, f.where, `.${listKey}[${i}]`),
				keyField,
				`"${key}" appears more than once`
			);
		seen.add(key);
	});
	return seen;
}

function readDocument(
	value: Record<string, unknown>,
	where: Where,
	problems: ProblemList
): SettlementDocument | null {
	const before = problems.count;
	const f = new Fields(value, where, problems);
	const doc = {
		kind: f.oneOf('kind', ['invoice', 'calculation'] as const),
		number: f.checked('number', codeCheck),
		issueDate: f.day('issueDate'),
		dueDate: f.day('dueDate'),
		periodStart: f.day('periodStart'),
		periodEnd: f.day('periodEnd'),
		netCents: f.cents('net'),
		vatCents: f.cents('vat'),
		totalCents: f.cents('total'),
		paymentReference: f.text('paymentReference', 140),
		lines: eachObject(f, 'lines', (line, at) => readLine(line, at, problems))
	} satisfies Read<SettlementDocument>;
	const valid = whenValid(doc, problems, before);
	if (!valid) return null;
	if (valid.dueDate < valid.issueDate) f.report('dueDate', 'is before issueDate');
	if (valid.periodEnd < valid.periodStart) f.report('periodEnd', 'is before periodStart');
	if (valid.netCents + valid.vatCents !== valid.totalCents) f.report('total', 'is not net + vat');
	if (valid.lines.length === 0) f.report('lines', 'a document has at least one line');
	else if (totalsOf(valid.lines).netCents !== valid.netCents)
		f.report('net', 'is not the sum of the lines');
	return problems.count === before ? valid : null;
}

function readLine(
	value: Record<string, unknown>,
	where: Where,
	problems: ProblemList
): DocumentLine | null {
	const before = problems.count;
	const f = new Fields(value, where, problems);
	const line = {
		description: f.text('description'),
		quantityMilli: f.milli('quantity'),
		unit: f.text('unit', 20),
		unitPriceCents: f.cents('unitPrice'),
		vatRate: f.integer('vatRate', 0, 100),
		netCents: f.cents('net')
	} satisfies Read<DocumentLine>;
	return whenValid(line, problems, before);
}

function readPayment(
	value: Record<string, unknown>,
	where: Where,
	problems: ProblemList,
	documentNumbers: Set<string>
): Payment | null {
	const before = problems.count;
	const f = new Fields(value, where, problems);
	const documentNumber = f.optionalText('document', 40);
	if (documentNumber !== null && !documentNumbers.has(documentNumber))
		return f.report('document', `no document "${documentNumber}" of this customer`);
	const payment = {
		date: f.day('date'),
		amountCents: f.cents('amount', 'positive'),
		bank: f.text('bank', 80),
		reference: f.optionalText('reference', 140) ?? '',
		documentNumber
	} satisfies Read<Payment>;
	return whenValid(payment, problems, before);
}

function readContainer(
	value: Record<string, unknown>,
	where: Where,
	problems: ProblemList
): Container | null {
	const before = problems.count;
	const f = new Fields(value, where, problems);
	const dates = new Set<string>();
	const details: CollectionDetail[] = [];
	f.list('dates').forEach((raw, i) => {
		// A day given as a valid ISO string (nearly all of millions) skips the per-field reader.
		const quick = typeof raw === 'string' ? parseDay(raw) : null;
		if (quick !== null && !dates.has(quick)) return dates.add(quick);
		// JSON lists a day as a string, or as an object when it has details; the CSV reader
		// gives one tagged row per day.
		const [row, key] = isObject(raw)
			? [raw, 'collectionDate' in raw ? 'collectionDate' : 'date']
			: [{ [`dates[${i}]`]: raw }, `dates[${i}]`];
		const day = new Fields(row, whereOf(row, where, isObject(raw) ? `.dates[${i}]` : ''), problems);
		const date = day.day(key);
		if (date !== null && dates.has(date)) day.report(key, `${date} appears more than once`);
		if (date !== null) dates.add(date);
		const detail = isObject(raw) ? readDetail(day) : null;
		if (date !== null && detail) details.push({ date, ...detail });
	});
	checkMoves(f, dates, details);
	const container = {
		code: f.checked('code', codeCheck),
		address: f.text('address'),
		fraction: f.oneOf('fraction', FRACTIONS),
		volumeLitres: f.integer('volumeLitres', 1, 40000),
		count: f.integer('count', 1, 1000),
		frequency: f.text('frequency', 80),
		dates: [...dates].sort(),
		details: details.sort((a, b) => a.date.localeCompare(b.date))
	} satisfies Read<Container>;
	return whenValid(container, problems, before);
}

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * A day's outcome and move, when it has either (null when it has neither); a reason or a
 * time without what it explains is a problem, not something to drop quietly.
 */
function readDetail(day: Fields): Omit<CollectionDetail, 'date'> | null {
	const before = day.problems.count;
	const outcome = day.optionalOneOf('outcome', COLLECTION_OUTCOMES);
	const time = day.optionalText('time', 5);
	if (time !== null && !CLOCK_TIME.test(time))
		day.report('time', `"${time}" is not a time (HH:MM)`);
	const reason = day.optionalText('reason', 200);
	if (outcome === null && (time !== null || reason !== null) && day.problems.count === before)
		day.report(time !== null ? 'time' : 'reason', 'is given without an outcome');
	const movedFrom = day.optionalDay('movedFrom');
	const moveReason = day.optionalText('moveReason', 200);
	if (movedFrom === null && moveReason !== null && day.problems.count === before)
		day.report('moveReason', 'is given without movedFrom');
	if (day.problems.count !== before) return null;
	const result: CollectionResult | null = outcome && { outcome, time, reason };
	const moved: CollectionMove | null =
		movedFrom === null ? null : { from: movedFrom, reason: moveReason };
	return result || moved ? { result, moved } : null;
}

/**
 * A moved collection keeps the calendar event of the day it was planned for (its UID), so
 * that day can be neither another of the container's dates nor another move's origin.
 */
function checkMoves(f: Fields, dates: Set<string>, details: CollectionDetail[]): void {
	const origins = new Set<string>();
	for (const { date, moved } of details) {
		if (!moved) continue;
		if (moved.from === date) f.report('dates', `${date} is moved from itself`);
		else if (dates.has(moved.from))
			f.report('dates', `${date} is moved from ${moved.from}, which is a collection date too`);
		else if (origins.has(moved.from)) f.report('dates', `two dates are moved from ${moved.from}`);
		origins.add(moved.from);
	}
}

/**
 * A notice: JSON gives its texts as `text: { lv, en, ru }`, a CSV row as the columns
 * text_lv, text_en and text_ru.
 */
export function readNotice(
	value: Record<string, unknown>,
	where: Where,
	problems: ProblemList
): Notice | null {
	const before = problems.count;
	const f = new Fields(value, where, problems);
	const text = isObject(value.text) ? value.text : {};
	const words = where.csv
		? { fields: f, keys: ['textLv', 'textEn', 'textRu'] as const }
		: {
				fields: new Fields(text, whereOf(text, where, '.text'), problems),
				keys: ['lv', 'en', 'ru'] as const
			};
	const fractions = f
		.list('fractions')
		.map(
			(raw, i) =>
				FRACTIONS.find((fraction) => fraction === raw) ??
				f.report(`fractions[${i}]`, `must be one of: ${FRACTIONS.join(', ')}`)
		);
	const contracts = f.list('contracts').map((raw, i) => {
		const contract = typeof raw === 'string' ? raw.trim() : '';
		return checkContractNumber(contract).ok
			? contract
			: f.report(`contracts[${i}]`, 'must be a contract number');
	});
	const notice = {
		id: f.checked('id', codeCheck),
		severity: f.oneOf('severity', NOTICE_SEVERITIES),
		from: f.day('from'),
		to: f.day('to'),
		fractions: fractions.filter((fraction) => fraction !== null),
		contracts: contracts.filter((contract) => contract !== null),
		area: f.optionalText('area', 100),
		text: {
			lv: words.fields.text(words.keys[0], 1000),
			en: words.fields.optionalText(words.keys[1], 1000),
			ru: words.fields.optionalText(words.keys[2], 1000)
		}
	};
	if (notice.from && notice.to && notice.to < notice.from) f.report('to', 'is before from');
	if (problems.count !== before || !notice.text.lv) return null;
	return whenValid(
		{ ...notice, text: { ...notice.text, lv: notice.text.lv } } satisfies Read<Notice>,
		problems,
		before
	);
}

/**
 * The company's answer to a request: its reference, the state reached, the return date a
 * `scheduled` needs and the reason a `rejected` needs (shown to the customer as written).
 */
export function readRequestStatus(
	value: Record<string, unknown>,
	where: Where,
	problems: ProblemList
): RequestStatus | null {
	const before = problems.count;
	const f = new Fields(value, where, problems);
	const status = {
		reference: f.checked('request', (input) => {
			const reference = normalReference(input);
			return reference
				? { ok: true, value: reference }
				: { ok: false, reason: 'must be a request reference such as KL-7Q2M4XH' };
		}),
		state: f.oneOf('state', ANSWER_STATES),
		date: f.optionalDay('date'),
		note: f.optionalText('note', 500)
	};
	if (status.state === 'scheduled' && status.date === null && problems.count === before)
		f.report('date', 'is required for "scheduled": the day the crew comes back');
	if (status.state === 'rejected' && status.note === null && problems.count === before)
		f.report('note', 'is required for "rejected": the reason the customer is given');
	return whenValid(status satisfies Read<RequestStatus>, problems, before);
}

/**
 * One offer of the service catalogue: a fraction and container size, for everyone, an area or
 * some contracts. JSON gives its lists as lists; a CSV row as one cell each, the frequencies
 * separated by commas (their words hold spaces), the weekdays and contracts by spaces or commas.
 */
export function readServiceOffer(
	value: Record<string, unknown>,
	where: Where,
	problems: ProblemList
): ServiceOffer | null {
	const before = problems.count;
	const f = new Fields(value, where, problems);
	const frequencies = f.list('frequencies').flatMap((raw, i) => {
		const words = typeof raw === 'string' ? raw.trim().replace(/\s+/g, ' ') : '';
		if (emptyingsPerMonth(words) !== null) return [words];
		f.report(
			`frequencies[${i}]`,
			'must be a frequency in the billing system\'s words, such as "1 reizi 2 nedēļās"'
		);
		return [];
	});
	if (frequencies.length === 0 && problems.count === before)
		f.report('frequencies', 'at least one frequency is required');
	const extraDays = f.list('extraDays').flatMap((raw, i) => {
		const day = WEEKDAYS.find((d) => d === String(raw).trim().toLowerCase());
		if (day) return [day];
		f.report(`extraDays[${i}]`, `must be one of: ${WEEKDAYS.join(', ')}`);
		return [];
	});
	const contracts = f.list('contracts').flatMap((raw, i) => {
		const contract = typeof raw === 'string' ? raw.trim() : '';
		if (checkContractNumber(contract).ok) return [contract];
		f.report(`contracts[${i}]`, 'must be a contract number');
		return [];
	});
	const cutoffTime = f.optionalText('cutoffTime', 5) ?? DEFAULT_CUTOFF.time;
	if (!CLOCK_TIME.test(cutoffTime)) f.report('cutoffTime', `"${cutoffTime}" is not a time (HH:MM)`);
	const offer = {
		id: f.checked('id', codeCheck),
		fraction: f.oneOf('fraction', FRACTIONS),
		volumeLitres: f.integer('volumeLitres', 1, 40000),
		area: f.optionalText('area', 100),
		contracts,
		frequencies: [...new Set(frequencies)],
		emptyingCents: f.cents('emptyingPrice'),
		monthlyCents: f.optionalText('monthlyPrice') === null ? 0 : f.cents('monthlyPrice'),
		rentCents: f.optionalText('rentPrice') === null ? 0 : f.cents('rentPrice'),
		vatRate: f.integer('vatRate', 0, 100),
		skip: f.oneOf('skip', SKIP_RULES, 'allowed'),
		cutoffWorkingDays:
			f.optionalText('cutoffDays') === null
				? DEFAULT_CUTOFF.workingDays
				: f.integer('cutoffDays', 0, 10),
		cutoffTime,
		extraDays: [...new Set(extraDays)].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b))
	} satisfies Read<ServiceOffer>;
	return whenValid(offer, problems, before);
}

/** What makes two offers the same: an export has one per scope, fraction and size. */
export const offerScopeKey = (offer: ServiceOffer) =>
	[
		offer.fraction,
		offer.volumeLitres,
		offer.area ?? '',
		[...offer.contracts].sort().join(' ')
	].join('\u0000');
