/**
 * `npm run schema:emit` writes schema/schema.graphql from the resolvers;
 * `npm run schema:check` fails when the committed file differs from what the resolvers give.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ledgerSdl } from './schema.js';

const SCHEMA_FILE = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));

async function main(): Promise<void> {
  const sdl = await ledgerSdl();
  if (!process.argv.includes('--check')) {
    await writeFile(SCHEMA_FILE, sdl);
    return console.log(`wrote ${SCHEMA_FILE}`);
  }
  const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
  if (committed !== sdl) {
    console.error(`${SCHEMA_FILE} is out of date with the resolvers: run \`npm run schema:emit\` and commit it`);
    process.exitCode = 1;
    return;
  }
  console.log(`${SCHEMA_FILE} is current`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
