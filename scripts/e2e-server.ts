/** The server the browser tests run against: a fresh database in a temporary folder, with the demo data. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDemoData, startServer } from './serve';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'klientiem-e2e-'));
process.env.DATA_DIR = dataDir;
process.env.DATABASE_PATH = path.join(dataDir, 'klientiem.sqlite');
process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));

await loadDemoData();
await startServer(Number(process.env.PORT ?? 4173));
