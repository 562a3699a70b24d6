import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { funderOf, loadOpenDataSettings } from '../../src/opendata/settings.js';

describe('open-data settings', () => {
  it('identify a payer left unset under the publisher’s prefix, named after its finance bureau', () => {
    const settings = loadOpenDataSettings({ OPEN_DATA_PREFIX: 'xcczj' });
    expect(funderOf(settings, 'municipal')).toEqual({ id: '360G-xcczj-municipal', name: '许昌市财政局 Xuchang Municipal Finance Bureau' });
    expect(funderOf(settings, 'county-yuzhou')).toEqual({ id: '360G-xcczj-county-yuzhou', name: '禹州市财政局 Yuzhou City Finance Bureau' });
  });

  it('take each payer’s identifier and name as set', () => {
    const municipal = { id: 'CN-USCI-11411000000000000X', name: '许昌市财政局' };
    const settings = loadOpenDataSettings({ OPEN_DATA_FUNDERS: JSON.stringify({ municipal }) });
    expect(funderOf(settings, 'municipal')).toEqual(municipal);
    expect(funderOf(settings, 'county-weidu').id).toBe('360G-xuchang-grants-ledger-county-weidu');
  });

  it.each([
    [{ OPEN_DATA_PREFIX: 'has space' }, 'OPEN_DATA_PREFIX must be letters, digits and hyphens (got "has space")'],
    [{ OPEN_DATA_FUNDERS: '{municipal' }, 'OPEN_DATA_FUNDERS must be JSON: {"<payer>": {"id": "…", "name": "…"}, …}'],
    [{ OPEN_DATA_FUNDERS: '[]' }, 'OPEN_DATA_FUNDERS must be a JSON object keyed by payer'],
    [{ OPEN_DATA_FUNDERS: '{"municipal":{"id":""}}' }, 'OPEN_DATA_FUNDERS["municipal"] must have a non-empty "id" and "name"'],
  ])('refuse %o', (env, message) => {
    expect(() => loadOpenDataSettings(env)).toThrow(new ConfigError(message));
  });
});
