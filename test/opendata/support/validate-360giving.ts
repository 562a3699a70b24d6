/**
 * The 360Giving 1.4.3 schemas, as published (../shared/standards/360giving-1.4.3/, read, never
 * edited), compiled with Ajv for JSON Schema draft 2020-12. The files declare `$schema` over http,
 * which Ajv does not know, so the meta-schema check is off; the package schema names the grant
 * schema by its 1.4.2 address, so the grant schema is registered under that address as well; the
 * standard's own annotations (codelist, openCodelist, rollUp) are declared as keywords.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const STANDARD = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/standards/360giving-1.4.3');
const GRANT_SCHEMA_1_4_2 = 'https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json';

const schema = (file: string) => JSON.parse(readFileSync(join(STANDARD, file), 'utf8')) as Record<string, unknown>;

export function packageValidator() {
  const ajv = new Ajv2020({ validateSchema: false, allErrors: true });
  addFormats.default(ajv);
  for (const keyword of ['codelist', 'openCodelist', 'rollUp']) ajv.addKeyword(keyword);
  // The same object twice: Ajv compiles it once and knows it by both addresses.
  const grant = schema('360-giving-schema.json');
  ajv.addSchema(grant);
  ajv.addSchema(grant, GRANT_SCHEMA_1_4_2);
  const validate = ajv.compile(schema('360-giving-package-schema.json'));
  return (data: unknown) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}
