import { testStores } from '../support/stores.js';
import { describeEventStoreContract } from './event-store.contract.js';

for (const store of testStores()) describeEventStoreContract(store);
