/**
 * What every PDF shares: jsPDF with Liberation Sans embedded (the 14 standard PDF fonts
 * have no ā, ķ, ž or Cyrillic), the page frame and the download. This module and jsPDF are
 * only imported when the customer asks for a PDF, so they stay out of the first load.
 */
import { jsPDF } from 'jspdf';
import regularUrl from './fonts/LiberationSans-Regular.ttf?url';
import boldUrl from './fonts/LiberationSans-Bold.ttf?url';
import { darkModules, type QrModules } from '$lib/domain/qr-code';

export const FONT = 'Liberation';
export const MARGIN = 15;

/** jsPDF reads a TrueType file given as a binary string (it checks the 00 01 00 00 magic). */
async function fetchBinary(url: string): Promise<string> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`font ${url}: ${response.status}`);
	const bytes = new Uint8Array(await response.arrayBuffer());
	let text = '';
	for (let i = 0; i < bytes.length; i += 0x8000)
		text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return text;
}

let fonts: Promise<[string, string]> | undefined;

export async function createPdf(
	orientation: 'portrait' | 'landscape',
	meta: { title: string; author: string; locale: string }
): Promise<jsPDF> {
	fonts ??= Promise.all([fetchBinary(regularUrl), fetchBinary(boldUrl)]).catch((error) => {
		fonts = undefined;
		throw error;
	});
	const [regular, bold] = await fonts;
	const doc = new jsPDF({ orientation, unit: 'mm', format: 'a4', compress: true });
	doc.addFileToVFS('LiberationSans-Regular.ttf', regular);
	doc.addFileToVFS('LiberationSans-Bold.ttf', bold);
	doc.addFont('LiberationSans-Regular.ttf', FONT, 'normal');
	doc.addFont('LiberationSans-Bold.ttf', FONT, 'bold');
	doc.setFont(FONT, 'normal');
	doc.setProperties({ title: meta.title, author: meta.author, creator: 'Klientiem' });
	doc.setLanguage(meta.locale as Parameters<jsPDF['setLanguage']>[0]);
	return doc;
}

/** Writes wrapped text and returns the y below it. */
export function paragraph(
	doc: jsPDF,
	text: string,
	x: number,
	y: number,
	width: number,
	options: { size?: number; bold?: boolean } = {}
): number {
	const size = options.size ?? 10;
	doc.setFont(FONT, options.bold ? 'bold' : 'normal');
	doc.setFontSize(size);
	const lines = doc.splitTextToSize(text, width) as string[];
	doc.text(lines, x, y, { baseline: 'top' });
	return y + lines.length * size * 0.3528 * 1.25;
}

/** The QR code drawn as vector squares, so it prints sharp at any size. */
export function drawQr(doc: jsPDF, qr: QrModules, x: number, y: number, size: number): void {
	const dark = darkModules(qr);
	const cell = size / qr.size;
	doc.setFillColor(0, 0, 0);
	for (let row = 0; row < qr.size; row++)
		for (let col = 0; col < qr.size; col++)
			if (dark(row, col)) doc.rect(x + col * cell, y + row * cell, cell, cell, 'F');
}

/** A CSS colour token of the page (e.g. --fraction-glass) as RGB, so PDF and page agree. */
export function cssColour(token: string): [number, number, number] {
	const value = getComputedStyle(document.documentElement).getPropertyValue(token).trim();
	const hex = /^#([0-9a-f]{6})$/i.exec(value)?.[1] ?? '000000';
	return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}
