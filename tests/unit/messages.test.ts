/** Every text the customer reads is in all three languages: none falls back unnoticed. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const keys = (language: string) =>
	Object.keys(JSON.parse(fs.readFileSync(`messages/${language}.json`, 'utf8')) as object)
		.filter((key) => key !== '$schema')
		.sort();

describe('the messages', () => {
	it.each(['en', 'ru'])('in %s has every Latvian key and no other', (language) => {
		expect(keys(language)).toEqual(keys('lv'));
	});
});
