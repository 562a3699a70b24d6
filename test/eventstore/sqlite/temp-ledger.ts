/** A fresh ledger file path in its own temporary folder. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const tempLedgerFile = () => join(mkdtempSync(join(tmpdir(), 'ledger-')), 'ledger.db');
