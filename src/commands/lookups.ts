/** The state of another aggregate that a command looks up (read, not guarded by its revision). */
import { applicationStream, evolve as evolveApplication, initialState as noApplication } from '../application/application.js';
import {
  benefitLineStream,
  evolveBenefitLine,
  evolvePolicy,
  initialBenefitLineState,
  initialPolicyState,
  policyStream,
} from '../catalog/catalog.js';
import { enterpriseStream, evolve as evolveEnterprise, initialState as unregistered } from '../enterprise/enterprise.js';
import { entitlementStream, evolve as evolveEntitlement, initialState as unused } from '../entitlement/entitlement.js';
import type { EventStore } from '../eventstore/port.js';
import { load } from './handle.js';

export const readPolicy = async (store: EventStore, policyCode: string) =>
  (await load(store, policyStream(policyCode), { initialState: initialPolicyState, evolve: evolvePolicy })).state;

export const readLine = async (store: EventStore, lineCode: string) =>
  (await load(store, benefitLineStream(lineCode), { initialState: initialBenefitLineState, evolve: evolveBenefitLine })).state;

export const readEnterprise = async (store: EventStore, creditCode: string) =>
  (await load(store, enterpriseStream(creditCode), { initialState: unregistered, evolve: evolveEnterprise })).state;

export const readEntitlement = async (store: EventStore, lineCode: string, creditCode: string) =>
  (await load(store, entitlementStream(lineCode, creditCode), { initialState: unused, evolve: evolveEntitlement })).state;

export const loadApplication = (store: EventStore, applicationId: string) =>
  load(store, applicationStream(applicationId), { initialState: noApplication, evolve: evolveApplication });
