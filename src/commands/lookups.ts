/** The state of another aggregate that a command looks up (read, not guarded by its revision). */
import { applicationDecider } from '../application/decide.js';
import { benefitLineDecider, policyDecider } from '../catalog/decide.js';
import { enterpriseDecider } from '../enterprise/decide.js';
import { entitlementDecider } from '../entitlement/decide.js';
import { applicationStream } from '../application/application.js';
import { benefitLineStream, policyStream } from '../catalog/catalog.js';
import { enterpriseStream } from '../enterprise/enterprise.js';
import { entitlementStream } from '../entitlement/entitlement.js';
import type { EventStore } from '../eventstore/port.js';
import { readStreamState } from './handle.js';

export const readPolicy = async (store: EventStore, policyCode: string) =>
  (await readStreamState(store, policyStream(policyCode), policyDecider)).state;

export const readLine = async (store: EventStore, lineCode: string) =>
  (await readStreamState(store, benefitLineStream(lineCode), benefitLineDecider)).state;

export const readEnterprise = async (store: EventStore, creditCode: string) =>
  (await readStreamState(store, enterpriseStream(creditCode), enterpriseDecider)).state;

export const readEntitlement = async (store: EventStore, lineCode: string, creditCode: string) =>
  (await readStreamState(store, entitlementStream(lineCode, creditCode), entitlementDecider)).state;

/** An application's events and state. */
export const readApplication = (store: EventStore, applicationId: string) =>
  readStreamState(store, applicationStream(applicationId), applicationDecider);
