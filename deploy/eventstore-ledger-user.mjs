// Gives the API its own EventStoreDB user on a secure node, as docs/eventstoredb.md says: creates
// the user (HTTP `POST /users/`, the admin's credentials) unless it exists, then names it in the
// ACL of `$all` (its metadata, `$$$all`), which by default only `$admins` may read. The ledger's
// own streams are user streams: the default user-stream ACL already lets any authenticated user
// read and write them. Run by docker-compose.yml's `secure` profile, in the API's image, with
//   EVENTSTORE_ADMIN_CONNECTION_STRING  esdb://admin:<password>@node:2113?tls=true&tlsCAFile=…
//   EVENTSTORE_HTTP_URL                 https://node:2113 (NODE_EXTRA_CA_CERTS names the CA)
//   LEDGER_USER, LEDGER_PASSWORD        the API's user
import { EventStoreDBClient } from '@eventstore/db-client';

const env = (name) => process.env[name] || fail(`${name} is not set`);
function fail(message) {
  console.error(`eventstore-ledger-user: ${message}`);
  process.exit(1);
}

const adminConnection = env('EVENTSTORE_ADMIN_CONNECTION_STRING');
const [, adminUser, adminPassword] = /^esdb(?:\+discover)?:\/\/([^:@/]+):([^@/]*)@/.exec(adminConnection) ?? fail('EVENTSTORE_ADMIN_CONNECTION_STRING names no user and password');
const user = env('LEDGER_USER');
const response = await fetch(new URL('/users/', env('EVENTSTORE_HTTP_URL')), {
  method: 'POST',
  headers: {
    authorization: `Basic ${Buffer.from(`${decodeURIComponent(adminUser)}:${decodeURIComponent(adminPassword)}`).toString('base64')}`,
    'content-type': 'application/json',
  },
  body: JSON.stringify({ loginName: user, fullName: 'Grants ledger API', password: env('LEDGER_PASSWORD'), groups: [] }),
});
if (response.status === 409) console.log(`user ${user} exists`);
else if (response.ok) console.log(`user ${user} created`);
else fail(`creating user ${user}: HTTP ${response.status} ${await response.text()}`);

const client = EventStoreDBClient.connectionString(adminConnection);
try {
  await client.setStreamMetadata('$all', { acl: { readRoles: ['$admins', user] } });
  console.log(`$all readable by $admins and ${user}`);
} finally {
  await client.dispose();
}
