/**
 * Writes a deterministic demo export (JSON Lines, the import's own format): the company,
 * the demo private person "demo", the demo legal entity "dem-1-oju" and any number of
 * further customers. The same seed and day give the same file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { addDays, weekdayOf } from '../../src/lib/dates';
import { makeIban } from '../../src/lib/validators';
import type {
	ExportCollectionDay,
	ExportCompanyLine,
	ExportCustomerLine,
	ExportDocument,
	ExportHeaderLine,
	ExportNoticeLine,
	ExportPayment
} from '../../src/lib/server/import/format';
import { FORMAT } from '../../src/lib/server/import/records';
import { DEMO_LEGAL_CONTRACT, DEMO_PRIVATE_CONTRACT } from '../../src/lib/server/demo/contracts';
import { invoiceIssueDay, workingDays } from '../../src/lib/server/working-days';
import type { Fraction } from '../../src/lib/calendar';
import { totalsOf } from '../../src/lib/domain/document';
import type { CollectionOutcome } from '../../src/lib/domain/collection';
import {
	address,
	between,
	companyName,
	emailFor,
	personalCode,
	personName,
	phone,
	pick,
	registrationNumber,
	seededRandom,
	type Random
} from './people';

export interface DemoOptions {
	/** Customers besides the two demo ones. */
	customers: number;
	/** The day the data is "as of" (ISO). */
	today: string;
	seed?: number;
}

const BANKS = [
	{
		bankName: 'Swedbank',
		bankCode: 'HABA',
		bic: 'HABALV22',
		internetBankUrl: 'https://www.swedbank.lv/private'
	},
	{
		bankName: 'SEB banka',
		bankCode: 'UNLA',
		bic: 'UNLALV2X',
		internetBankUrl: 'https://ibanka.seb.lv/'
	},
	{
		bankName: 'Luminor',
		bankCode: 'RIKO',
		bic: 'RIKOLV2X',
		internetBankUrl: 'https://luminor.lv/'
	},
	{
		bankName: 'Citadele',
		bankCode: 'PARX',
		bic: 'PARXLV22',
		internetBankUrl: 'https://online.citadele.lv/'
	}
];

/**
 * A company's invoice details: a Latvian VAT number is LV and the registration number; the
 * registered office is in Rīga, apart from the service addresses. Made without drawing on
 * `random`, so every other demo value stays as it was.
 */
function legalDetails(registration: string, index: number) {
	return {
		registrationNumber: registration,
		vatNumber: `LV${registration}`,
		legalAddress: `Brīvības iela ${(index % 150) + 1}, Rīga, LV-1010`
	};
}

export function demoCompany(): ExportCompanyLine {
	return {
		type: 'company',
		brandName: 'Vidzemes Vide',
		legalName: 'SIA “Vidzemes Vide”',
		registrationNumber: '40003521600',
		vatNumber: 'LV40003521600',
		address: 'Rūpniecības iela 12, Valmiera, LV-4201',
		phone: '+371 64 200 100',
		email: 'klienti@vidzemesvide.example',
		website: 'https://vidzemesvide.example',
		paperInvoiceFee: '1.00',
		bankAccounts: BANKS.map((bank, i) => ({
			bankName: bank.bankName,
			iban: makeIban('LV', `${bank.bankCode}${String(5501000000000 + i * 1111111).slice(0, 13)}`),
			bic: bank.bic,
			internetBankUrl: bank.internetBankUrl
		}))
	};
}

interface Schedule {
	fraction: Fraction;
	volumeLitres: number;
	everyDays: number;
	frequency: string;
	/** Net price of one emptying, cents. */
	priceCents: number;
	description: string;
}

const SCHEDULES: Record<string, Schedule> = {
	mixedPrivate: {
		fraction: 'mixed',
		volumeLitres: 240,
		everyDays: 14,
		frequency: '1 reizi 2 nedēļās',
		priceCents: 685,
		description: 'Sadzīves atkritumu izvešana, 240 l'
	},
	mixedSmall: {
		fraction: 'mixed',
		volumeLitres: 120,
		everyDays: 28,
		frequency: '1 reizi 4 nedēļās',
		priceCents: 412,
		description: 'Sadzīves atkritumu izvešana, 120 l'
	},
	mixedLegal: {
		fraction: 'mixed',
		volumeLitres: 1100,
		everyDays: 7,
		frequency: '1 reizi nedēļā',
		priceCents: 1890,
		description: 'Sadzīves atkritumu izvešana, 1100 l'
	},
	mixedLegalBiweekly: {
		fraction: 'mixed',
		volumeLitres: 660,
		everyDays: 14,
		frequency: '1 reizi 2 nedēļās',
		priceCents: 1290,
		description: 'Sadzīves atkritumu izvešana, 660 l'
	},
	plasticMetal: {
		fraction: 'plastic_metal',
		volumeLitres: 240,
		everyDays: 28,
		frequency: '1 reizi mēnesī',
		priceCents: 0,
		description: 'Šķiroto atkritumu (plastmasa, metāls) izvešana'
	},
	paper: {
		fraction: 'paper',
		volumeLitres: 1100,
		everyDays: 14,
		frequency: '1 reizi 2 nedēļās',
		priceCents: 950,
		description: 'Papīra un kartona izvešana, 1100 l'
	},
	glass: {
		fraction: 'glass',
		volumeLitres: 1500,
		everyDays: 56,
		frequency: '1 reizi 8 nedēļās',
		priceCents: 1200,
		description: 'Stikla izvešana, 1,5 m³'
	},
	bags: {
		fraction: 'packaging_bags',
		volumeLitres: 120,
		everyDays: 28,
		frequency: '1 reizi mēnesī',
		priceCents: 0,
		description: 'PKO somu izvešana'
	},
	bio: {
		fraction: 'bio',
		volumeLitres: 240,
		everyDays: 7,
		frequency: '1 reizi nedēļā',
		priceCents: 540,
		description: 'Bioloģiski noārdāmo atkritumu izvešana, 240 l'
	}
};

type State = 'paid' | 'unpaid' | 'overdue' | 'partly';

interface Plan {
	contractNumber: string;
	kind: 'private' | 'legal';
	name: string;
	state: State;
	containers: { schedule: Schedule; count: number; address: string }[];
}

/** Days of the current and next year on which a container is emptied. */
const OUTCOME_SEED = 1_000_003;

/** The crew's words add what the outcome does not say, or are left out. */
const MISSED: { outcome: CollectionOutcome; reason?: string }[] = [
	{ outcome: 'not_accessible', reason: 'Vārti bija aizslēgti' },
	{ outcome: 'not_put_out' },
	{ outcome: 'wrong_sorting', reason: 'Stiklā bija sadzīves atkritumi' }
];

/**
 * The days a container is emptied this year and next. A day on a public holiday moves to the
 * next working day, saying why; the last month's days carry what the crew reported: mostly
 * emptied at a time of the round, now and then not, with the reason. `missLast` makes the
 * last day before today one that was not emptied (the demo contracts show one).
 */
function collectionDays(
	random: Random,
	schedule: Schedule,
	{
		year,
		today,
		missLast,
		outcomes
	}: { year: number; today: string; missLast: boolean; outcomes: Random }
): (string | ExportCollectionDay)[] {
	const calendar = workingDays();
	const first = `${year}-01-01`;
	// Start on a weekday in the first interval, so neighbours are not all emptied on one day.
	let day = addDays(first, between(random, 0, Math.min(schedule.everyDays, 28) - 1));
	while (weekdayOf(day) >= 5) day = addDays(day, 1);
	const planned: string[] = [];
	for (; day <= `${year + 1}-12-31`; day = addDays(day, schedule.everyDays)) planned.push(day);
	const taken = new Set(planned);
	const days = planned.map((date): ExportCollectionDay => {
		const holiday = calendar.dayOffName(date);
		if (holiday === null) return { date };
		let moved = addDays(date, 1);
		while (!calendar.isWorkingDay(moved) || taken.has(moved)) moved = addDays(moved, 1);
		taken.add(moved);
		return { date: moved, movedFrom: date, moveReason: holiday };
	});
	const past = days.filter((d) => d.date < today && d.date >= addDays(today, -31));
	past.forEach((d, i) => {
		const miss = missLast ? i === past.length - 1 : outcomes() < 0.04;
		if (miss) Object.assign(d, pick(outcomes, MISSED));
		else {
			const minutes = between(outcomes, 7 * 60, 15 * 60);
			const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
			Object.assign(d, { outcome: 'emptied', time });
		}
	});
	return days
		.sort((a, b) => a.date.localeCompare(b.date))
		.map((d) => (Object.keys(d).length === 1 ? d.date : d));
}

const monthEnd = (year: number, month: number) =>
	addDays(`${month === 12 ? year + 1 : year}-${String((month % 12) + 1).padStart(2, '0')}-01`, -1);
const iso = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-01`;

/** Billing periods and issue days: monthly invoices for legal entities, quarterly calculations for private persons. */
function billingPeriods(kind: Plan['kind'], today: string) {
	const year = Number(today.slice(0, 4));
	const periods: { start: string; end: string; issue: string; due: string }[] = [];
	for (let y = year - 1; y <= year; y++) {
		for (let m = 1; m <= 12; m++) {
			if (kind === 'legal') {
				const issue = m === 12 ? invoiceIssueDay(y + 1, 1) : invoiceIssueDay(y, m + 1);
				periods.push({ start: iso(y, m), end: monthEnd(y, m), issue, due: addDays(issue, 20) });
			} else if (m % 3 === 1) {
				const issue = addDays(iso(y, m), 4);
				periods.push({ start: iso(y, m), end: monthEnd(y, m + 2), issue, due: addDays(issue, 30) });
			}
		}
	}
	return periods.filter((period) => period.issue <= today);
}

/** Numbers the documents of one export, in the order written. */
interface Serial {
	next: () => number;
}

function buildDocuments(random: Random, plan: Plan, today: string, serial: Serial) {
	const documents: ExportDocument[] = [];
	const payments: ExportPayment[] = [];
	let balanceCents = 0;
	const periods = billingPeriods(plan.kind, today);
	periods.forEach((period, index) => {
		const days = (Date.parse(period.end) - Date.parse(period.start)) / 86_400_000 + 1;
		const lines = plan.containers.map(({ schedule, count }) => {
			const quantity = Math.max(1, Math.round(days / schedule.everyDays)) * count;
			return {
				description: schedule.description,
				quantity: String(quantity),
				unit: 'reizes',
				unitPrice: (schedule.priceCents / 100).toFixed(2),
				vatRate: 21,
				netCents: quantity * schedule.priceCents
			};
		});
		const { netCents, vatCents } = totalsOf(lines);
		const prefix = plan.kind === 'legal' ? 'R' : 'A';
		const number = `${prefix}${period.issue.slice(0, 4)}-${String(serial.next()).padStart(7, '0')}`;
		documents.push({
			kind: plan.kind === 'legal' ? 'invoice' : 'calculation',
			number,
			issueDate: period.issue,
			dueDate: period.due,
			periodStart: period.start,
			periodEnd: period.end,
			net: (netCents / 100).toFixed(2),
			vat: (vatCents / 100).toFixed(2),
			total: ((netCents + vatCents) / 100).toFixed(2),
			paymentReference: number,
			lines: lines.map(({ netCents: lineNet, ...line }) => ({
				...line,
				net: (lineNet / 100).toFixed(2)
			}))
		});
		const total = netCents + vatCents;
		const latest = index === periods.length - 1;
		const unpaid =
			latest && plan.state !== 'paid'
				? plan.state === 'partly'
					? Math.floor(total / 2)
					: total
				: plan.state === 'overdue' && index === periods.length - 2
					? total
					: 0;
		balanceCents += unpaid;
		if (total - unpaid > 0) {
			const paidOn = addDays(period.due, -between(random, 0, 10));
			payments.push({
				date: paidOn <= today ? paidOn : today,
				amount: ((total - unpaid) / 100).toFixed(2),
				bank: pick(random, BANKS).bankName,
				reference: number,
				document: number
			});
		}
	});
	return { documents, payments, balanceCents };
}

function customerRecord(
	random: Random,
	plan: Plan,
	{ today, index, serial }: { today: string; index: number; serial: Serial }
): ExportCustomerLine {
	const { documents, payments, balanceCents } = buildDocuments(random, plan, today, serial);
	const year = Number(today.slice(0, 4));
	const demo =
		plan.contractNumber === DEMO_PRIVATE_CONTRACT || plan.contractNumber === DEMO_LEGAL_CONTRACT;
	const containers = plan.containers.map(({ schedule, count, address: place }, i) => ({
		code: `K${String(index).padStart(6, '0')}-${i + 1}`,
		address: place,
		fraction: schedule.fraction,
		volumeLitres: schedule.volumeLitres,
		count,
		frequency: schedule.frequency,
		// The demo logins show a collection that did not happen, on their second container.
		dates: collectionDays(random, schedule, {
			year,
			today,
			missLast: demo && i === 1,
			// Their own random stream: what the crews reported leaves the rest of the data as it was.
			outcomes: seededRandom(OUTCOME_SEED + index * 16 + i)
		})
	}));
	// The demo logins get paper invoices whatever the day (the draw still made, so the rest of
	// the data stays as it was): the e-invoice page then shows its agreement form.
	const electronic = random() < (plan.kind === 'legal' ? 0.6 : 0.3) && !demo;
	return {
		type: 'customer',
		contractNumber: plan.contractNumber,
		kind: plan.kind,
		name: plan.name,
		...(plan.kind === 'private'
			? { personalCode: personalCode(random) }
			: legalDetails(registrationNumber(random), index)),
		// The seed's demo legal entity has no phone or e-mail ("Nav norādīts").
		phone: demo ? null : phone(random),
		email: demo ? null : emailFor(plan.name, index),
		invoiceDelivery: electronic ? 'electronic' : 'paper',
		eInvoiceAgreement: electronic ? 'active' : 'none',
		balance: (balanceCents / 100).toFixed(2),
		balanceAsOf: today,
		documents,
		payments,
		containers
	};
}

function plan(random: Random, index: number): Plan {
	const legal = random() < 0.3;
	const place = address(random);
	const roll = random();
	const state: State =
		roll < 0.6 ? 'paid' : roll < 0.75 ? 'unpaid' : roll < 0.9 ? 'overdue' : 'partly';
	const containers = legal
		? [
				{
					schedule: random() < 0.4 ? SCHEDULES.mixedLegal! : SCHEDULES.mixedLegalBiweekly!,
					count: between(random, 1, 3),
					address: place
				},
				{ schedule: SCHEDULES.paper!, count: 1, address: place }
			]
		: [
				{
					schedule: random() < 0.7 ? SCHEDULES.mixedPrivate! : SCHEDULES.mixedSmall!,
					count: 1,
					address: place
				}
			];
	if (random() < 0.5)
		containers.push({
			schedule: legal ? SCHEDULES.glass! : SCHEDULES.plasticMetal!,
			count: 1,
			address: place
		});
	if (!legal && random() < 0.3)
		containers.push({ schedule: SCHEDULES.bags!, count: 1, address: place });
	return {
		contractNumber: `${legal ? 'J' : 'F'}-${String(10000 + index)}`,
		kind: legal ? 'legal' : 'private',
		name: legal ? companyName(random) : personName(random).name,
		state,
		containers
	};
}

/** The export, line by line. */
export function* demoExportLines(options: DemoOptions): Generator<string> {
	const random = seededRandom(options.seed ?? 20261123);
	let documents = 0;
	const serial: Serial = { next: () => ++documents };
	const { today } = options;
	yield JSON.stringify({
		type: 'export',
		format: FORMAT,
		asOf: today,
		nextUpdate: addDays(today, 1)
	} satisfies ExportHeaderLine);
	yield JSON.stringify(demoCompany());
	yield JSON.stringify(demoNotice(today));
	for (const offer of demoCatalogue()) yield JSON.stringify(offer);
	const privateHome = 'Rīgas iela 25, Valmiera, LV-4201';
	yield JSON.stringify(
		customerRecord(
			random,
			{
				contractNumber: DEMO_PRIVATE_CONTRACT,
				kind: 'private',
				name: 'Jānis Bērziņš',
				state: 'paid',
				containers: [
					{ schedule: SCHEDULES.mixedPrivate!, count: 1, address: privateHome },
					{ schedule: SCHEDULES.plasticMetal!, count: 1, address: privateHome },
					{ schedule: SCHEDULES.bags!, count: 1, address: privateHome }
				]
			},
			{ today, index: 0, serial }
		)
	);
	const office = 'Lāčplēša iela 7, Valmiera, LV-4201';
	yield JSON.stringify(
		customerRecord(
			random,
			{
				contractNumber: DEMO_LEGAL_CONTRACT,
				kind: 'legal',
				name: 'Demo juridiska persona',
				state: 'unpaid',
				containers: [
					{ schedule: SCHEDULES.mixedLegal!, count: 2, address: office },
					{ schedule: SCHEDULES.paper!, count: 1, address: office },
					{ schedule: SCHEDULES.glass!, count: 1, address: office },
					{ schedule: SCHEDULES.bags!, count: 1, address: 'Ūdens iela 3, Valmiera, LV-4201' }
				]
			},
			{ today, index: 1, serial }
		)
	);
	for (let i = 1; i <= options.customers; i++)
		yield JSON.stringify(customerRecord(random, plan(random, i), { today, index: i + 1, serial }));
}

type Offer = [
	fraction: Fraction,
	volumeLitres: number,
	frequencies: string[],
	emptying: string,
	rent: string,
	extraDays: string[],
	skip?: 'move_only'
];

/**
 * The company's catalogue for everyone, at the invoices' prices per emptying. The 1100 l
 * mixed-waste container is at the municipality's minimum weekly emptying, so its dates can
 * be moved, not cancelled.
 */
export function demoCatalogue(): Record<string, unknown>[] {
	const offers: Offer[] = [
		['mixed', 120, ['1 reizi 2 nedēļās', '1 reizi 4 nedēļās'], '4.12', '0.00', ['tue', 'fri']],
		[
			'mixed',
			240,
			['1 reizi nedēļā', '1 reizi 2 nedēļās', '1 reizi 4 nedēļās'],
			'6.85',
			'0.00',
			['tue', 'fri']
		],
		['mixed', 660, ['1 reizi nedēļā', '1 reizi 2 nedēļās'], '12.90', '3.00', ['mon', 'wed', 'fri']],
		[
			'mixed',
			1100,
			['2 reizes nedēļā', '1 reizi nedēļā'],
			'18.90',
			'5.00',
			['mon', 'wed', 'fri'],
			'move_only'
		],
		['plastic_metal', 240, ['1 reizi mēnesī', '1 reizi 2 nedēļās'], '0.00', '0.00', ['thu']],
		['paper', 240, ['1 reizi mēnesī', '1 reizi 2 nedēļās'], '3.40', '0.00', ['thu']],
		['paper', 1100, ['1 reizi 2 nedēļās', '1 reizi nedēļā'], '9.50', '4.00', ['thu']],
		['glass', 240, ['1 reizi 8 nedēļās', '1 reizi 4 nedēļās'], '2.80', '0.00', []],
		['glass', 1500, ['1 reizi 8 nedēļās', '1 reizi 4 nedēļās'], '12.00', '6.00', []],
		['bio', 140, ['1 reizi nedēļā', '1 reizi 2 nedēļās'], '3.60', '0.00', ['wed']],
		['bio', 240, ['1 reizi nedēļā', '1 reizi 2 nedēļās'], '5.40', '0.00', ['wed']]
	];
	return offers.map(([fraction, volumeLitres, frequencies, emptying, rent, extraDays, skip]) => ({
		type: 'service',
		id: `${fraction.toUpperCase().replace('_', '-')}-${volumeLitres}`,
		fraction,
		volumeLitres,
		frequencies,
		emptyingPrice: emptying,
		rentPrice: rent,
		vatRate: 21,
		skip: skip ?? 'allowed',
		extraDays
	}));
}

/** A current disruption notice for Valmiera, the demo logins' town, for two weeks from today. */
export function demoNotice(today: string): ExportNoticeLine {
	return {
		type: 'notice',
		id: 'N-DEMO-1',
		severity: 'disruption',
		from: today,
		to: addDays(today, 13),
		area: 'Valmiera',
		text: {
			lv: 'Sniega dēļ izvešana Valmierā var kavēties līdz divām dienām.',
			en: 'Because of the snow, collections in Valmiera may be up to two days late.',
			ru: 'Из-за снега вывоз в Валмиере может задержаться до двух дней.'
		}
	};
}

/** Writes the export to a file, respecting the stream's back-pressure. */
export async function writeDemoExport(file: string, options: DemoOptions): Promise<void> {
	fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	const out = fs.createWriteStream(file, 'utf8');
	for (const line of demoExportLines(options)) {
		if (!out.write(line + '\n')) await once(out, 'drain');
	}
	out.end();
	await once(out, 'finish');
}
