/**
 * The collection calendar as one landscape A4 page: twelve month grids, a colour and a
 * shape per fraction (never colour alone) and a legend.
 */
import type { jsPDF } from 'jspdf';
import { FRACTIONS, type CollectionEntry, type Fraction } from '$lib/calendar';
import { addDays, formatDay, weekdayOf } from '$lib/dates';
import { day as shortDay } from '$lib/format';
import { fractionName } from '$lib/fractions';
import { m } from '$lib/paraglide/messages';
import { collectionMoveLabel } from '$lib/domain/calendar-view';
import type { CustomerHeading } from '$lib/domain/customer';
import type { Locale } from '$lib/paraglide/runtime';
import { FONT, MARGIN, createPdf, cssColour, paragraph } from './pdf';

const PAGE_WIDTH = 297;
const GAP = 6;
const COLUMN = (PAGE_WIDTH - 2 * MARGIN - 3 * GAP) / 4;
const CELL = COLUMN / 7;
const ROW = 7;

/** The same tokens the page's CSS uses for each fraction. */
const TOKEN: Record<Fraction, string> = {
	mixed: '--fraction-mixed',
	paper: '--fraction-paper',
	plastic_metal: '--fraction-plastic-metal',
	glass: '--fraction-glass',
	bio: '--fraction-bio',
	packaging_bags: '--fraction-packaging-bags'
};

/** Filled shapes matching the page's ● ■ ▲ ◆ ✿ ⬟, centred on (x, y) with radius r. */
function drawSymbol(
	pdf: jsPDF,
	fraction: Fraction,
	x: number,
	y: number,
	r: number,
	colour: [number, number, number] = cssColour(TOKEN[fraction])
): void {
	pdf.setFillColor(...colour);
	const polygon = (points: [number, number][]) => {
		const [first, ...rest] = points;
		const deltas = rest.map(([px, py], i) => {
			const [qx, qy] = i === 0 ? first! : rest[i - 1]!;
			return [px - qx, py - qy];
		});
		pdf.lines(deltas, first![0], first![1], [1, 1], 'F', true);
	};
	const around = (corners: number, turn: number) =>
		Array.from({ length: corners }, (_, i): [number, number] => {
			const angle = turn + (i * 2 * Math.PI) / corners;
			return [x + r * Math.cos(angle), y + r * Math.sin(angle)];
		});
	if (fraction === 'mixed') pdf.circle(x, y, r, 'F');
	else if (fraction === 'paper') pdf.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7, 'F');
	else if (fraction === 'plastic_metal') polygon(around(3, -Math.PI / 2));
	else if (fraction === 'glass') polygon(around(4, -Math.PI / 2));
	else if (fraction === 'packaging_bags') polygon(around(5, -Math.PI / 2));
	else
		for (const [px, py] of around(4, 0).map(([px, py]) => [(px + x) / 2, (py + y) / 2]))
			pdf.circle(px!, py!, r * 0.5, 'F');
}

const WHITE: [number, number, number] = [255, 255, 255];
const BLACK: [number, number, number] = [0, 0, 0];
const WEEKEND: [number, number, number] = [238, 241, 239];

/**
 * A collection day readable from a metre away (the fridge test): the cell filled with the
 * fraction's colour and its shape large in white; a day with several fractions is split
 * into a stripe for each.
 */
function fillCell(pdf: jsPDF, fractions: Fraction[], x: number, y: number): void {
	const width = CELL / fractions.length;
	fractions.forEach((fraction, k) => {
		pdf.setFillColor(...cssColour(TOKEN[fraction]));
		pdf.rect(x + k * width, y, width, ROW, 'F');
		const r = Math.min(width * 0.3, 2.1);
		drawSymbol(pdf, fraction, x + k * width + width / 2, y + ROW * 0.6, r, WHITE);
	});
}

function drawMonth(
	pdf: jsPDF,
	month: string,
	left: number,
	top: number,
	byDay: Map<string, Fraction[]>,
	movedDays: Set<string>,
	locale: string
): void {
	pdf.setFont(FONT, 'bold');
	pdf.setFontSize(10);
	pdf.setTextColor(19, 74, 40);
	const name = formatDay(`${month}-01`, locale, { month: 'long' });
	pdf.text(name.charAt(0).toLocaleUpperCase(locale) + name.slice(1), left, top, {
		baseline: 'top'
	});
	pdf.setTextColor(0, 0, 0);
	pdf.setFontSize(7);
	// Monday first, as in Latvia; the short names fit a cell (P O T C Pk S Sv).
	m.calendar_weekdays_short()
		.split(',')
		.forEach((weekday, i) =>
			pdf.text(weekday, left + i * CELL + CELL / 2, top + 5.5, { baseline: 'top', align: 'center' })
		);
	const first = `${month}-01`;
	const offset = weekdayOf(first);
	pdf.setDrawColor(201, 211, 205);
	for (let date = first, i = offset; date.startsWith(month); date = addDays(date, 1), i++) {
		const x = left + (i % 7) * CELL;
		const y = top + 9.5 + Math.floor(i / 7) * ROW;
		const fractions = byDay.get(date) ?? [];
		if (fractions.length) fillCell(pdf, fractions, x, y);
		else if (i % 7 >= 5) {
			pdf.setFillColor(...WEEKEND);
			pdf.rect(x, y, CELL, ROW, 'F');
		}
		pdf.rect(x, y, CELL, ROW, 'S');
		// A moved day is framed in black and starred; the note under the legend says why.
		const moved = movedDays.has(date);
		if (moved) {
			pdf.setLineWidth(0.6);
			pdf.setDrawColor(...BLACK);
			pdf.rect(x + 0.3, y + 0.3, CELL - 0.6, ROW - 0.6, 'S');
			pdf.setLineWidth(0.2);
			pdf.setDrawColor(201, 211, 205);
		}
		pdf.setFont(FONT, fractions.length ? 'bold' : 'normal');
		pdf.setFontSize(6.5);
		pdf.setTextColor(...(fractions.length ? WHITE : BLACK));
		pdf.text(`${Number(date.slice(8))}${moved ? '*' : ''}`, x + 0.7, y + 0.6, {
			baseline: 'top'
		});
	}
	pdf.setTextColor(...BLACK);
	pdf.setFont(FONT, 'normal');
}

export async function makeCalendarPdf(input: {
	locale: Locale;
	today: string;
	year: number;
	brandName: string;
	customer: CustomerHeading;
	entries: CollectionEntry[];
}): Promise<void> {
	const { locale, year, customer } = input;
	const title = m.calendar_year_title({ year });
	const pdf = await createPdf('landscape', { title, author: input.brandName, locale });
	const byDay = new Map<string, Fraction[]>();
	const moves: string[] = [];
	for (const entry of input.entries) {
		if (!entry.date.startsWith(String(year))) continue;
		const fractions = byDay.get(entry.date) ?? [];
		if (!fractions.includes(entry.fraction)) fractions.push(entry.fraction);
		byDay.set(entry.date, fractions);
		if (entry.moved) {
			const move = `${shortDay(entry.date, locale)}: ${collectionMoveLabel(entry.moved, locale)}`;
			if (!moves.includes(move)) moves.push(move);
		}
	}
	const movedDays = new Set(input.entries.filter((e) => e.moved).map((e) => e.date));
	let y = paragraph(pdf, title, MARGIN, 10, 180, { size: 15, bold: true });
	paragraph(
		pdf,
		`${customer.name} · ${m.portal_contract()} ${customer.contractNumber} · ${customer.addresses.join('; ')}`,
		MARGIN,
		y,
		PAGE_WIDTH - 2 * MARGIN,
		{ size: 9 }
	);
	y = 28;
	for (let i = 0; i < 12; i++) {
		const month = `${year}-${String(i + 1).padStart(2, '0')}`;
		drawMonth(
			pdf,
			month,
			MARGIN + (i % 4) * (COLUMN + GAP),
			y + Math.floor(i / 4) * 54.5,
			byDay,
			movedDays,
			locale
		);
	}

	// The legend names only the fractions this customer has.
	const present = FRACTIONS.filter((fraction) =>
		input.entries.some((entry) => entry.fraction === fraction)
	);
	let x = MARGIN;
	const legendY = 197;
	pdf.setFont(FONT, 'bold');
	pdf.setFontSize(9);
	pdf.text(`${m.pdf_legend()}:`, x, legendY, { baseline: 'middle' });
	x += pdf.getTextWidth(`${m.pdf_legend()}:`) + 4;
	pdf.setFont(FONT, 'normal');
	// Each fraction as its days look: a block of its colour with its shape.
	for (const fraction of present) {
		pdf.setFillColor(...cssColour(TOKEN[fraction]));
		pdf.rect(x, legendY - 2.5, 6, 5, 'F');
		drawSymbol(pdf, fraction, x + 3, legendY, 1.6, WHITE);
		const name = fractionName(fraction);
		pdf.text(name, x + 7.5, legendY, { baseline: 'middle' });
		x += 7.5 + pdf.getTextWidth(name) + 6;
	}
	if (moves.length > 0) {
		pdf.setFontSize(8);
		const [line] = pdf.splitTextToSize(
			`* ${moves.join('; ')}`,
			PAGE_WIDTH - 2 * MARGIN
		) as string[];
		pdf.text(line ?? '', MARGIN, legendY + 4.2, { baseline: 'middle' });
	}
	pdf.setFontSize(8);
	pdf.setTextColor(77, 87, 81);
	pdf.text(
		`${input.brandName} · ${m.pdf_made({ date: shortDay(input.today, locale) })}`,
		MARGIN,
		// Below the note on moved days, when there is one.
		moves.length > 0 ? 206.5 : 204
	);
	pdf.save(`kalendars-${customer.contractNumber}-${year}.pdf`);
}
