/** Believable Latvian names, companies and Vidzeme addresses for the demo data. */
import { personalCodeCheckDigit, registrationCheckDigit } from '../../src/lib/validators';

export type Random = () => number;

/** mulberry32: a small seeded generator, so the same seed gives the same demo data. */
export function seededRandom(seed: number): Random {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export const pick = <T>(random: Random, items: readonly T[]): T =>
	items[Math.floor(random() * items.length)] as T;
export const between = (random: Random, min: number, max: number) =>
	min + Math.floor(random() * (max - min + 1));

const MEN = [
	'Jānis',
	'Andris',
	'Pēteris',
	'Māris',
	'Edgars',
	'Raivis',
	'Gints',
	'Kārlis',
	'Oļegs',
	'Uldis',
	'Aigars',
	'Ģirts',
	'Valdis',
	'Dmitrijs'
];
const WOMEN = [
	'Anna',
	'Inese',
	'Līga',
	'Ilze',
	'Dace',
	'Māra',
	'Zane',
	'Ieva',
	'Sandra',
	'Ināra',
	'Baiba',
	'Gunta',
	'Jeļena',
	'Ārija'
];
// Latvian surnames take a masculine and a feminine ending.
const SURNAMES: [string, string][] = [
	['Bērziņš', 'Bērziņa'],
	['Kalniņš', 'Kalniņa'],
	['Ozoliņš', 'Ozoliņa'],
	['Liepiņš', 'Liepiņa'],
	['Krūmiņš', 'Krūmiņa'],
	['Zariņš', 'Zariņa'],
	['Vītols', 'Vītola'],
	['Kļaviņš', 'Kļaviņa'],
	['Jansons', 'Jansone'],
	['Ābeltiņš', 'Ābeltiņa'],
	['Šteins', 'Šteina'],
	['Grīnbergs', 'Grīnberga'],
	['Ivanovs', 'Ivanova'],
	['Žagars', 'Žagare'],
	['Čakste', 'Čakste']
];
const COMPANY_FIRST = [
	'Gaujas',
	'Vidzemes',
	'Ziemeļu',
	'Salacas',
	'Burtnieku',
	'Mazsalacas',
	'Ērģemes',
	'Rūjienas',
	'Līgatnes'
];
const COMPANY_SECOND = [
	'koks',
	'maiznīca',
	'serviss',
	'būve',
	'dārzi',
	'nami',
	'tirgotava',
	'aptieka',
	'ķēķis',
	'auto'
];
const TOWNS: [string, string][] = [
	['Valmiera', 'LV-4201'],
	['Cēsis', 'LV-4101'],
	['Smiltene', 'LV-4729'],
	['Valka', 'LV-4701'],
	['Alūksne', 'LV-4301'],
	['Gulbene', 'LV-4401'],
	['Limbaži', 'LV-4001'],
	['Mazsalaca', 'LV-4215'],
	['Rūjiena', 'LV-4240'],
	['Strenči', 'LV-4730']
];
const STREETS = [
	'Rīgas iela',
	'Lāčplēša iela',
	'Brīvības iela',
	'Dzirnavu iela',
	'Meža iela',
	'Ausekļa iela',
	'Cēsu iela',
	'Skolas iela',
	'Dārza iela',
	'Ūdens iela',
	'Ģimnāzijas iela',
	'Bērzu iela'
];
const HOMESTEADS = [
	'Kļaviņas',
	'Ozollejas',
	'Priedītes',
	'Lejasžagari',
	'Vecsētas',
	'Ābeļdārzi',
	'Saulgozes'
];
const PARISHES: [string, string][] = [
	['Kocēnu pag., Valmieras nov.', 'LV-4220'],
	['Burtnieku pag., Valmieras nov.', 'LV-4206'],
	['Launkalnes pag., Smiltenes nov.', 'LV-4729'],
	['Drustu pag., Cēsu nov.', 'LV-4140']
];

export function personName(random: Random): { name: string; female: boolean } {
	const female = random() < 0.5;
	const [male, feminine] = pick(random, SURNAMES);
	return { name: `${pick(random, female ? WOMEN : MEN)} ${female ? feminine : male}`, female };
}

export function companyName(random: Random): string {
	return `SIA “${pick(random, COMPANY_FIRST)} ${pick(random, COMPANY_SECOND)}”`;
}

export function address(random: Random): string {
	if (random() < 0.25) {
		const [parish, postcode] = pick(random, PARISHES);
		return `“${pick(random, HOMESTEADS)}”, ${parish}, ${postcode}`;
	}
	const [town, postcode] = pick(random, TOWNS);
	return `${pick(random, STREETS)} ${between(random, 1, 120)}, ${town}, ${postcode}`;
}

const ASCII: Record<string, string> = {
	ā: 'a',
	č: 'c',
	ē: 'e',
	ģ: 'g',
	ī: 'i',
	ķ: 'k',
	ļ: 'l',
	ņ: 'n',
	š: 's',
	ū: 'u',
	ž: 'z'
};

export function emailFor(name: string, index: number): string {
	const local = name
		.toLowerCase()
		.replace(/[āčēģīķļņšūž]/g, (c) => ASCII[c] ?? c)
		.replace(/[^a-z]+/g, '.')
		.replace(/^\.|\.$/g, '');
	return `${local}.${index}@example.lv`;
}

export function phone(random: Random): string {
	return `+371 2${between(random, 0, 9)}${String(between(random, 0, 999999)).padStart(6, '0')}`;
}

/** An old-format personal code with a correct check digit, for someone born 1940–1999. */
export function personalCode(random: Random): string {
	const day = String(between(random, 1, 28)).padStart(2, '0');
	const month = String(between(random, 1, 12)).padStart(2, '0');
	const digits = `${day}${month}${String(between(random, 40, 99))}1${String(between(random, 0, 999)).padStart(3, '0')}`;
	return `${digits.slice(0, 6)}-${digits.slice(6)}${personalCodeCheckDigit(digits)}`;
}

/** A company registration number 4000xxxxxxx with a correct check digit. */
export function registrationNumber(random: Random): string {
	for (;;) {
		const digits = `4000${String(between(random, 0, 999999)).padStart(6, '0')}`;
		const check = registrationCheckDigit(digits);
		if (check !== null) return `${digits}${check}`;
	}
}
