/**
 * The PDFs are made in the browser; these tests take the downloaded files apart with
 * Debian's poppler-utils (pdftotext, pdftoppm), an implementation independent of jsPDF.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import {
	documentFacts,
	documentTitle,
	documentTotals,
	lineCells,
	paymentFields
} from '../../src/lib/domain/document-view';
import type { OfflineDocuments } from '../../src/lib/domain/offline';
import { day } from '../../src/lib/format';
import type { ExportCollectionDay } from '../../src/lib/server/import/format';
import { browserOnly, demoCustomers, loginWithContract, loginWithEmail } from './support';

browserOnly();

interface ExportCustomer {
	name: string;
	registrationNumber?: string;
	vatNumber?: string;
	legalAddress?: string;
	documents: { number: string; total: string }[];
	containers: {
		address: string;
		fraction: string;
		dates: string[];
		details: ExportCollectionDay[];
	}[];
}

const demo = (contract: string) =>
	demoCustomers().find((c) => c.contractNumber === contract) as unknown as ExportCustomer;

/** pdftotext's text of the PDF, pages separated by form feeds. */
function pdfText(file: string): string {
	return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** Clicks a PDF button and returns the downloaded file's path, after checking it is a PDF. */
async function downloadPdf(page: Page, button: Locator, name: string): Promise<string> {
	const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
	const file = path.resolve('test-results/pdf', name);
	await download.saveAs(file);
	expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
	return file;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ');

/** A description list's rows as [term, description] texts, spaces as one. */
const rowsOf = (list: Locator, description = 'dd') =>
	list.evaluate(
		(dl, selector) =>
			[...dl.querySelectorAll('dt')].map((dt) => [
				dt.textContent ?? '',
				dt.nextElementSibling?.matches('dd')
					? ((selector === 'dd'
							? dt.nextElementSibling
							: dt.nextElementSibling.querySelector(selector)
						)?.textContent ?? '')
					: ''
			]),
		description
	);
const normalised = (rows: string[][]) => rows.map((row) => row.map(oneLine).map((t) => t.trim()));

test('the document page and its PDF show the same title, facts, lines, totals and payment details: the document view model’s', async ({
	page
}) => {
	await loginWithEmail(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	// The document as the server gives it, with what paying it takes: the view model's input.
	const copy = (await (await page.request.get('/api/v1/documents')).json()) as OfflineDocuments;
	const { document: doc, pay } = copy.documents.find((d) => d.pay !== null)!;
	const locale = 'lv';
	const facts = documentFacts(doc, locale).map((row) => [row.label, row.value]);
	const totals = documentTotals(doc, locale).map((row) => [row.label, row.value]);
	const fields = paymentFields(pay!, locale);
	const lines = doc.lines.map((line) => ({ line, cells: lineCells(line, locale) }));

	await page.goto(`/documents/${doc.number}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(documentTitle(doc, locale));
	// The facts between the total and the state; the totals and payment details whole.
	expect(normalised(await rowsOf(page.locator('dl.facts'))).slice(1, -1)).toEqual(
		normalised(facts)
	);
	expect(normalised(await rowsOf(page.locator('dl.totals')))).toEqual(normalised(totals));
	expect(normalised(await rowsOf(page.locator('.details dl'), '.value'))).toEqual(
		normalised(fields.map((field) => [field.label, field.value]))
	);
	const cells = await page
		.locator('table.lines tbody tr')
		.evaluateAll((rows) =>
			rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? ''))
		);
	expect(normalised(cells)).toEqual(
		normalised(
			lines.map(({ line, cells }) => [
				line.description,
				cells.quantity,
				cells.price,
				cells.vat,
				cells.net
			])
		)
	);

	const file = await downloadPdf(
		page,
		page.getByRole('button', { name: 'Lejupielādēt PDF drukāšanai' }),
		`view-${doc.number}.pdf`
	);
	const text = oneLine(pdfText(file));
	expect(text).toContain(documentTitle(doc, locale));
	for (const [label, value] of facts) expect(text).toContain(oneLine(`${label}: ${value}`));
	for (const { cells } of lines)
		expect(text).toContain(oneLine(`${cells.quantity} ${cells.price} ${cells.vat} ${cells.net}`));
	for (const [label, value] of totals) expect(text).toContain(oneLine(`${label} ${value}`));
	for (const { key, label, value } of fields)
		expect(text).toContain(oneLine(`${label}: ${value}${key === 'iban' ? ` (${pay!.bic})` : ''}`));
});

test('a private person’s calculation PDF has their Latvian name and address letter for letter, and the font loads only on the click', async ({
	page
}) => {
	const fonts: string[] = [];
	page.on('request', (request) => {
		if (/\.ttf$|jspdf/i.test(request.url())) fonts.push(request.url());
	});
	await loginWithContract(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	const customer = demo('demo');
	const document = customer.documents.at(-1)!;
	await page.goto(`/documents/${document.number}`);
	// The page is ready to print; its own requests so far include no font. (The service worker
	// precaches the fonts for offline printing; those are its requests, not the page's.)
	await expect(page.getByRole('button', { name: 'Lejupielādēt PDF drukāšanai' })).toBeEnabled();
	await page.waitForLoadState('load');
	expect(fonts).toEqual([]);

	const file = await downloadPdf(
		page,
		page.getByRole('button', { name: 'Lejupielādēt PDF drukāšanai' }),
		`calculation-${document.number}.pdf`
	);
	expect(fonts.filter((url) => url.endsWith('.ttf'))).toHaveLength(2);
	const text = oneLine(pdfText(file));
	expect(customer.name).toMatch(/[āēīūčšžņģķļ]/);
	expect(text).toContain(customer.name);
	expect(text).toContain(customer.containers[0]!.address);
	expect(text).toContain(`Aprēķins ${document.number}`);
	expect(text).toContain('Kopā apmaksai');
	expect(text).toContain(document.total.replace('.', ','));
	// Fully paid: nothing to pay, so no payment block.
	expect(text).not.toContain('Maksājuma rekvizīti');
});

test('a legal entity’s unpaid invoice PDF names the buyer by registration and VAT numbers and legal address, and carries the payment details and an EPC QR code a bank app can read', async ({
	page
}) => {
	await loginWithEmail(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	const customer = demo('dem-1-oju');
	const latest = customer.documents.at(-1)!;
	await page.goto(`/documents/${latest.number}`);
	const file = await downloadPdf(
		page,
		page.getByRole('button', { name: 'Lejupielādēt PDF drukāšanai' }),
		`invoice-${latest.number}.pdf`
	);
	const text = oneLine(pdfText(file));
	expect(text).toContain(`Rēķins ${latest.number}`);
	expect(text).toContain(customer.name);
	// The buyer as a B2B invoice names it.
	expect(customer.vatNumber).toBe(`LV${customer.registrationNumber}`);
	expect(text).toContain(`${customer.name} Reģ. nr. ${customer.registrationNumber}`);
	expect(text).toContain(`PVN reģ. nr. ${customer.vatNumber}`);
	expect(text).toContain(`Juridiskā adrese: ${customer.legalAddress}`);
	expect(text).toContain('SIA “Vidzemes Vide”');
	expect(text).toMatch(/Konts \(IBAN\): LV\d{2} [A-Z]{4}( \d{4}){3} \d/);
	expect(text).toContain(`Maksājuma mērķis: ${latest.number}`);

	// The QR code, rasterised by poppler and read by jsQR.
	execFileSync('pdftoppm', ['-r', '200', '-png', '-f', '1', '-l', '1', file, `${file}-page`]);
	const png = PNG.sync.read(fs.readFileSync(`${file}-page-1.png`));
	const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
	const amount = Number(latest.total).toFixed(2);
	expect(qr?.data.split('\n')).toEqual([
		'BCD',
		'002',
		'1',
		'SCT',
		expect.stringMatching(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/),
		'SIA “Vidzemes Vide”',
		expect.stringMatching(/^LV\d{2}[A-Z]{4}\d{13}$/),
		`EUR${amount}`,
		'',
		'',
		latest.number
	]);
});

test('the year calendar PDF passes the fridge test: twelve months with capitalised names and short weekday headers, each collection day filled with its fraction’s colour, weekends shaded, a legend and the address; in Russian the Cyrillic comes out right', async ({
	page
}) => {
	await loginWithContract(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	const customer = demo('demo');
	const year = Number(
		new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga', year: 'numeric' }).format(
			new Date()
		)
	);
	await page.goto('/calendar');
	const lvFile = await downloadPdf(
		page,
		page.getByRole('button', { name: `Gada kalendārs ${year} (PDF)` }),
		'calendar-lv.pdf'
	);
	const lv = oneLine(pdfText(lvFile));
	expect(lv).toContain(`Atkritumu izvešanas kalendārs ${year}`);
	expect(lv).toContain(customer.name);
	expect(lv).toContain(customer.containers[0]!.address);
	// Capitalised month names over short weekday headers that do not run into each other.
	for (const month of ['Janvāris', 'Februāris', 'Jūnijs', 'Decembris'])
		expect(lv).toContain(`${month} `);
	expect(lv).toContain('P O T C Pk S Sv P O T C Pk S Sv');
	expect(lv).not.toMatch(/Ceturtd|Piektd/);
	expect(lv).toContain('Apzīmējumi:');
	expect(lv).toContain('Sadzīves atkritumi');
	// A day a holiday moved is starred, and the note under the legend says from when and why
	// (issue 16); the first of the year's moves at least, as many as fit the line.
	const moves = customer.containers
		.flatMap((c) => c.details)
		.filter((d) => d.movedFrom && d.date.startsWith(String(year)))
		.sort((a, b) => a.date.localeCompare(b.date));
	expect(moves.length).toBeGreaterThan(0);
	for (const move of moves) expect(lv).toContain(`${Number(move.date.slice(8))}*`);
	expect(lv).toContain(
		`* ${day(moves[0]!.date, 'lv')}: pārcelts no ${moves[0]!.movedFrom!.slice(8)}.${moves[0]!.movedFrom!.slice(5, 7)}. — ${moves[0]!.moveReason}`
	);
	// The fridge test: each collection day is a cell filled with its fraction's colour (one
	// mixed-waste cell alone is about 9 × 7 mm, some 240 pixels at 50 dpi, 140 of them its colour), and the weekends
	// are shaded.
	execFileSync('pdftoppm', ['-r', '50', '-png', lvFile, `${lvFile}-page`]);
	const png = PNG.sync.read(fs.readFileSync(`${lvFile}-page-1.png`));
	const mixedDays = customer.containers
		.filter((c) => c.fraction === 'mixed')
		.flatMap((c) => c.dates)
		.filter((date) => date.startsWith(String(year))).length;
	expect(mixedDays).toBeGreaterThan(10);
	expect(pixelsOf(png, '#4a4a4a')).toBeGreaterThan(mixedDays * 100);
	expect(pixelsOf(png, '#eef1ef')).toBeGreaterThan(52 * 2 * 100);

	await page.getByRole('button', { name: 'Русский' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
	const ru = oneLine(
		pdfText(
			await downloadPdf(
				page,
				page.getByRole('button', { name: `Календарь на ${year + 1} год (PDF)` }),
				'calendar-ru.pdf'
			)
		)
	);
	expect(ru).toContain(`Календарь вывоза отходов ${year + 1}`);
	expect(ru).toContain('Январь Февраль Март Апрель Пн Вт Ср Чт Пт Сб Вс');
	expect(ru).toContain('Обозначения:');
	expect(ru).toContain(customer.name);
});

test('the e-invoice agreement PDF is two identical signed-copy pages filled in with the customer’s data; without a known e-mail its clause points to the line to write one on', async ({
	page
}) => {
	await loginWithContract(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	const customer = demo('demo');
	await page.goto('/e-invoice');
	const file = await downloadPdf(
		page,
		page.getByRole('button', { name: 'Izdrukāt vienošanos (PDF, 2 eksemplāri)' }),
		'agreement.pdf'
	);
	const pages = pdfText(file)
		.split('\f')
		.filter((p) => p.trim());
	expect(pages).toHaveLength(2);
	pages.forEach((pageText, i) => {
		const text = oneLine(pageText);
		expect(text).toContain(`${i + 1}. eksemplārs`);
		expect(text).toContain('VIENOŠANĀS par elektronisko rēķinu saņemšanu');
		expect(text).toContain(customer.name);
		expect(text).toContain('Līguma nr.: demo');
		expect(text).toContain(customer.containers[0]!.address);
		expect(text).toContain('SIA “Vidzemes Vide”');
		// The demo has no e-mail: a blank line to write one on, and the clause points to it.
		expect(text).toMatch(/E-pasts: _{10,}/);
		expect(text).toContain('uz e-pastu, ko Klients ierakstījis augstāk');
		expect(text).not.toContain('nav norādīts');
	});
});

/**
 * How many pixels of a rasterised PDF page are within a small distance of a colour, in the
 * rows given (all by default).
 */
function pixelsOf(png: PNG, hex: string, rows: [number, number] = [0, png.height]): number {
	const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [
		number,
		number,
		number
	];
	let count = 0;
	for (let i = rows[0] * png.width * 4; i < rows[1] * png.width * 4; i += 4) {
		const distance =
			Math.abs(png.data[i]! - r) + Math.abs(png.data[i + 1]! - g) + Math.abs(png.data[i + 2]! - b);
		if (distance < 30) count++;
	}
	return count;
}

test('the browser’s own print of the calendar is the calendar alone: one A4 page for the month or for the next three months, each month heading with its grid or list', async ({
	page
}) => {
	// The demo company has two addresses and five fractions: the longest calendar the demo has.
	await loginWithEmail(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	const chrome = [
		'Klientu portāls',
		'Sākums',
		'Iziet',
		'Konta iestatījumi',
		'Lietošanas noteikumi',
		'Apskates režīms',
		'Pievienot tālruņa kalendāram',
		'Kalendāra fails',
		'Gada kalendārs',
		'Drukāt',
		'Saraksts',
		'Mēnesis',
		'Nākamā izvešana',
		'Konteineri'
	];
	const months = (count: number) =>
		Array.from({ length: count }, (_, i) => {
			const date = new Date();
			date.setUTCDate(15);
			date.setUTCMonth(date.getUTCMonth() + i);
			return new Intl.DateTimeFormat('lv', {
				month: 'long',
				year: 'numeric',
				timeZone: 'Europe/Riga'
			}).format(date);
		});

	for (const mode of ['month', 'list'] as const) {
		await page.goto(`/calendar?mode=${mode}`);
		const file = path.resolve('test-results/pdf', `calendar-print-${mode}.pdf`);
		// page.pdf prints with the print stylesheet, as the browser's Print button does.
		await page.pdf({ path: file, format: 'A4' });
		const pages = pdfText(file)
			.split('\f')
			.filter((text) => text.trim());
		expect(pages, `${mode}: one A4 page`).toHaveLength(1);
		const text = oneLine(pages[0]!);
		for (const piece of chrome) expect(text, `${mode}: no "${piece}"`).not.toContain(piece);
		expect(text).toContain('Līguma nr. dem-1-oju · Demo juridiska persona · Lāčplēša iela 7');
		if (mode === 'month') {
			// The month's name, then straight away its grid's weekday headers.
			expect(text).toContain(`${months(1)[0]} P O T C Pk S Sv 1 `);
			// Each collection day's cell is filled with its fraction's colour (paper's blue, here),
			// and the brand's green header is gone.
			execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', file, `${file}-page`]);
			const png = PNG.sync.read(fs.readFileSync(`${file}-page-1.png`));
			expect(pixelsOf(png, '#1f5fa8')).toBeGreaterThan(1000);
			// The header would be the page's top; glass's green, close to the brand's, is in the grid.
			expect(pixelsOf(png, '#1d6b3a', [0, Math.round(png.height * 0.12)])).toBe(0);
		} else {
			// Three months, each heading followed by its first collection's date.
			for (const month of months(3))
				expect(text).toMatch(new RegExp(`${month} \\d{1,2} [A-ZĀČĒĢĪĶĻŅŠŪŽ]`));
		}
	}
});
