/**
 * Who publishes the ledger's open data and how its organisations are identified: settings,
 * from the environment, checked once.
 *
 * - `OPEN_DATA_PREFIX`: the publisher's 360Giving prefix (grant ids are `360G-<prefix>-<id>`);
 * - `OPEN_DATA_PUBLISHER`: the publisher's name;
 * - `OPEN_DATA_FUNDERS`: JSON, each payer's organisation identifier and name, e.g.
 *   `{"municipal":{"id":"CN-USCI-…","name":"许昌市财政局"},"county-yuzhou":{…}}`; a payer left
 *   out is identified under the prefix (`360G-<prefix>-municipal`, as 360Giving's guidance
 *   says for an organisation without a registered number) and named after its finance bureau.
 */
import { findCounty } from '../catalog/counties.js';
import { ConfigError } from '../config.js';

export interface Organisation {
  id: string;
  name: string;
}

export interface OpenDataSettings {
  prefix: string;
  publisher: string;
  /** Payer ("municipal", "county-<code>") → the funding organisation; see `funderOf`. */
  funders: Readonly<Record<string, Organisation>>;
}

/** Development defaults: a real publication sets the prefix 360Giving assigned and the funders' codes. */
const DEFAULT_PREFIX = 'xuchang-grants-ledger';
const DEFAULT_PUBLISHER = '许昌市财政局 Xuchang Municipal Finance Bureau';

export function loadOpenDataSettings(env: NodeJS.ProcessEnv = process.env): OpenDataSettings {
  const prefix = env.OPEN_DATA_PREFIX?.trim() || DEFAULT_PREFIX;
  if (!/^[A-Za-z0-9-]{1,64}$/.test(prefix)) throw new ConfigError(`OPEN_DATA_PREFIX must be letters, digits and hyphens (got "${prefix}")`);
  return { prefix, publisher: env.OPEN_DATA_PUBLISHER?.trim() || DEFAULT_PUBLISHER, funders: fundersOf(env.OPEN_DATA_FUNDERS) };
}

function fundersOf(json: string | undefined): Record<string, Organisation> {
  if (!json?.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ConfigError('OPEN_DATA_FUNDERS must be JSON: {"<payer>": {"id": "…", "name": "…"}, …}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError('OPEN_DATA_FUNDERS must be a JSON object keyed by payer');
  for (const [payer, org] of Object.entries(parsed)) {
    const { id, name } = (org ?? {}) as Partial<Organisation>;
    if (typeof id !== 'string' || !id.trim() || typeof name !== 'string' || !name.trim()) {
      throw new ConfigError(`OPEN_DATA_FUNDERS["${payer}"] must have a non-empty "id" and "name"`);
    }
  }
  return parsed as Record<string, Organisation>;
}

/** The organisation that pays as `payer`: municipal finance (市财政) or a county's (所在地财政). */
export function funderOf(settings: OpenDataSettings, payer: string): Organisation {
  const set = settings.funders[payer];
  if (set) return set;
  const county = payer.startsWith('county-') ? findCounty(payer.slice('county-'.length)) : undefined;
  const name = county ? `${county.nameZh}财政局 ${county.name} Finance Bureau` : payer === 'municipal' ? DEFAULT_PUBLISHER : payer;
  return { id: `360G-${settings.prefix}-${payer}`, name };
}
