/**
 * A QR code's modules as the page data and the offline copy carry them, and the SVG path
 * drawn from them. The server encodes the code once (qrcode, server/payment.ts); the page
 * draws it on either side, and the PDF from the same modules, so the code's 3 KB of SVG is
 * in the HTML once and not again in the page's data, where 1 bit a module takes some 300
 * characters, and the browser needs no QR encoder.
 */

export interface QrModules {
	/** Modules a side. */
	size: number;
	/** The dark modules as set bits, row by row from the top left, most significant first: base64. */
	bits: string;
}

/** The light border around the code, in modules: qrcode's default, as the SVG had. */
export const QR_MARGIN = 2;

export function packQrModules(size: number, dark: ArrayLike<number | boolean>): QrModules {
	const bytes = new Uint8Array(Math.ceil((size * size) / 8));
	for (let i = 0; i < size * size; i++) if (dark[i]) bytes[i >> 3]! |= 0x80 >> (i & 7);
	return { size, bits: btoa(String.fromCharCode(...bytes)) };
}

/** Whether the module at a row and column is dark. */
export function darkModules({ size, bits }: QrModules): (row: number, col: number) => boolean {
	const bytes = atob(bits);
	return (row, col) => {
		const i = row * size + col;
		return (bytes.charCodeAt(i >> 3) & (0x80 >> (i & 7))) !== 0;
	};
}

/**
 * Paths already drawn, by the modules they were drawn from. The server keeps each code's
 * modules (server/payment.ts) and renders the same object at every visit until it is paid:
 * drawing its path took 2 % of the start page's CPU (0.04 ms). Weakly held, so a path goes
 * when its modules do; in the browser each page's data is a new object and simply misses.
 */
const drawn = new WeakMap<QrModules, string>();

/**
 * The dark modules as one path of horizontal runs, each a stroke along the middle of its row:
 * the path qrcode's own SVG renderer draws, so the code looks as it did.
 */
export function qrPath(qr: QrModules): string {
	let path = drawn.get(qr);
	if (path === undefined) {
		path = drawPath(qr);
		drawn.set(qr, path);
	}
	return path;
}

function drawPath(qr: QrModules): string {
	const dark = darkModules(qr);
	let path = '';
	for (let row = 0; row < qr.size; row++) {
		// Where the pen is after the row's last run, or null before its first.
		let at: number | null = null;
		for (let col = 0; col < qr.size; col++) {
			if (!dark(row, col) || (col > 0 && dark(row, col - 1))) continue;
			let end = col;
			while (end + 1 < qr.size && dark(row, end + 1)) end++;
			path +=
				at === null
					? `M${col + QR_MARGIN} ${row + QR_MARGIN + 0.5}h${end - col + 1}`
					: `m${col - at} 0h${end - col + 1}`;
			at = end + 1;
		}
	}
	return path;
}
