/**
 * npm run icons: draws every app icon from the one source image, static/favicon.svg, with
 * Chromium: 192 and 512 px as drawn, and full-bleed variants (maskable 512 px, whose glyph
 * stays inside the 80 % safe circle, and Apple's 180 px touch icon, which iOS rounds itself).
 * The PNGs are committed; run this again after changing the source.
 */
import fs from 'node:fs';
import { chromium } from '@playwright/test';
import { findChromium } from './chromium';

const source = fs.readFileSync('static/favicon.svg', 'utf8');
const background = /fill="(#[0-9a-f]{6})"/i.exec(source)?.[1] ?? '#ffffff';
const image = `data:image/svg+xml;base64,${Buffer.from(source).toString('base64')}`;
const outputs = [
	{ file: 'static/icons/icon-192.png', size: 192, fullBleed: false },
	{ file: 'static/icons/icon-512.png', size: 512, fullBleed: false },
	{ file: 'static/icons/icon-maskable-512.png', size: 512, fullBleed: true },
	{ file: 'static/icons/apple-touch-icon.png', size: 180, fullBleed: true }
];

fs.mkdirSync('static/icons', { recursive: true });
const browser = await chromium.launch({ executablePath: findChromium() });
try {
	for (const { file, size, fullBleed } of outputs) {
		const page = await browser.newPage({ viewport: { width: size, height: size } });
		// Full bleed: the brand colour to the edges and the drawing at 70 %, inside the safe zone.
		const inner = fullBleed ? Math.round(size * 0.7) : size;
		await page.setContent(
			`<body style="margin:0;display:grid;place-items:center;width:${size}px;height:${size}px;background:${fullBleed ? background : 'transparent'}">` +
				`<img src="${image}" width="${inner}" height="${inner}"></body>`
		);
		await page.screenshot({ path: file, omitBackground: !fullBleed });
		await page.close();
		console.log(`${file} (${size} px)`);
	}
} finally {
	await browser.close();
}
