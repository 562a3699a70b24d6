import { describe, it } from 'vitest';
import type { PolicyState } from '../../src/catalog/catalog.js';
import { XUCHANG_2016_8_POOL } from '../../src/catalog/xuchang-2016-8-measures.js';
import { XUCHANG_2016_8_POLICY } from '../../src/catalog/xuchang-2016-8.js';
import type { CultivationPoolEvent } from '../../src/cultivation-pool/cultivation-pool.js';
import { cultivationPoolDecider, type PoolMemberCommand, poolMemberDecider } from '../../src/cultivation-pool/decide.js';
import type { EnterpriseKind } from '../../src/enterprise/enterprise.js';
import { creditCode, NOW, yuan } from '../support/domain-fixtures.js';
import { deciderSpec } from '../support/domain-spec.js';

const pools = deciderSpec(cultivationPoolDecider);
const members = deciderSpec(poolMemberDecider);
const published: PolicyState = { status: 'published', policy: XUCHANG_2016_8_POLICY };
const firm = creditCode(21);
const member = { poolCode: 'key-cultivation', creditCode: firm, recordedBy: 'officer-li' };
const pool = { status: 'defined' as const, pool: XUCHANG_2016_8_POOL };
const enterprise = (kind: EnterpriseKind = 'enterprise') => ({ status: 'registered' as const, creditCode: firm, name: '长葛市蜂产品有限公司', county: 'changge', kind });

const enter = (outputValueFen: number, kind?: EnterpriseKind): PoolMemberCommand => ({
  type: 'EnterPool',
  data: { ...member, year: 2016, outputValueFen, enteredOn: '2016-03-15', pool, enterprise: enterprise(kind), now: NOW },
});
const entered = (outputValueFen: number): CultivationPoolEvent => ({
  type: 'PoolEntered',
  data: { ...member, year: 2016, outputValueFen, enteredOn: '2016-03-15', recordedAt: NOW },
});
const monitor = (year: number, outputValueFen: number): PoolMemberCommand => ({ type: 'MonitorPoolMember', data: { ...member, year, outputValueFen, now: NOW } });
const monitored = (year: number, outputValueFen: number): CultivationPoolEvent => ({ type: 'PoolMonitored', data: { ...member, year, outputValueFen, recordedAt: NOW } });
const exit = (reason: 'above-designated-size' | 'dropped-out', reference: string): PoolMemberCommand => ({
  type: 'ExitPool',
  data: { ...member, reason, reference, exitedOn: '2017-12-31', now: NOW },
});
const exited = (reason: 'above-designated-size' | 'dropped-out', reference: string): CultivationPoolEvent => ({
  type: 'PoolExited',
  data: { ...member, reason, reference, exitedOn: '2017-12-31', recordedAt: NOW },
});
const STATISTICS = '许统规上〔2017〕12号';

describe('a pool not yet defined', () => {
  it('is defined with its band of output value, ¥5M to ¥20M, as data', () => {
    pools.given([]).when({ type: 'DefineCultivationPool', data: { definition: XUCHANG_2016_8_POOL, policy: published, now: NOW } }).then([
      { type: 'CultivationPoolDefined', data: { ...XUCHANG_2016_8_POOL, definedAt: NOW } },
    ]);
  });

  it('is refused with a band upside down', () => {
    const definition = { ...XUCHANG_2016_8_POOL, minOutputFen: yuan(20_000_000), maxOutputFen: yuan(5_000_000) };
    pools.given([]).when({ type: 'DefineCultivationPool', data: { definition, policy: published, now: NOW } }).thenFails('INVALID_INPUT', /band/);
  });
});

describe('a firm outside the pool', () => {
  it.each([
    ['¥5M, the band\'s floor', yuan(5_000_000)],
    ['¥12M', yuan(12_000_000)],
    ['¥20M, the band\'s ceiling', yuan(20_000_000)],
  ])('enters with an annual output value of %s', (_, output) => {
    members.given([]).when(enter(output)).then([entered(output)]);
  });

  it.each([
    ['¥4,999,999.99', yuan(5_000_000) - 1],
    ['¥20,000,000.01', yuan(20_000_000) + 1],
  ])('is refused with an output value of %s, outside the band', (_, output) => {
    members.given([]).when(enter(output)).thenFails('NOT_ELIGIBLE', /¥5000000.00 to ¥20000000.00/);
  });

  it('is refused when it is a startup base, not a small/micro firm', () => {
    members.given([]).when(enter(yuan(8_000_000), 'startup-base')).thenFails('NOT_ELIGIBLE');
  });

  it('cannot be monitored or taken out', () => {
    members.given([]).when(monitor(2017, yuan(9_000_000))).thenFails('INVALID_TRANSITION');
    members.given([]).when(exit('dropped-out', '停产')).thenFails('INVALID_TRANSITION');
  });
});

describe('a firm in the pool', () => {
  it('is monitored each year with its output value (培育监测), even outside the band', () => {
    members.given([entered(yuan(8_000_000))]).when(monitor(2017, yuan(23_000_000))).then([monitored(2017, yuan(23_000_000))]);
  });

  it('is monitored once a year', () => {
    members.given([entered(yuan(8_000_000)), monitored(2017, yuan(9_000_000))]).when(monitor(2017, yuan(9_500_000))).thenFails('ALREADY_EXISTS');
  });

  it('cannot enter twice', () => {
    members.given([entered(yuan(8_000_000))]).when(enter(yuan(8_000_000))).thenFails('ALREADY_EXISTS');
  });

  it('leaves as above-designated-size (规模以上) on its statistics entry', () => {
    members.given([entered(yuan(8_000_000)), monitored(2017, yuan(23_000_000))]).when(exit('above-designated-size', STATISTICS)).then([
      exited('above-designated-size', STATISTICS),
    ]);
  });

  it('drops out, saying why', () => {
    members.given([entered(yuan(8_000_000))]).when(exit('dropped-out', '企业迁出许昌')).then([exited('dropped-out', '企业迁出许昌')]);
  });
});

describe('a firm that left the pool', () => {
  it('re-enters after dropping out', () => {
    members.given([entered(yuan(8_000_000)), exited('dropped-out', '停产')]).when(enter(yuan(6_000_000))).then([entered(yuan(6_000_000))]);
  });

  it('cannot re-enter once above-designated-size: it is no longer small/micro', () => {
    members.given([entered(yuan(8_000_000)), exited('above-designated-size', STATISTICS)]).when(enter(yuan(6_000_000))).thenFails('INVALID_TRANSITION');
  });
});
