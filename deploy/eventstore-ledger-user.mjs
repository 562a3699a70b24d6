// Gives the API its own EventStoreDB user on a secure node, with the least rights it needs, as
// docs/eventstoredb.md says. With the admin's credentials:
// 1. creates the user (HTTP `POST /users/`); if it exists, sets its password to LEDGER_PASSWORD
//    (`POST /users/<user>/command/reset-password`), so a rotated password takes effect;
// 2. names it in the ACL of `$all` (its metadata, `$$$all`), which by default only `$admins` read;
// 3. writes the default ACL (an `update-default-acl` event in `$settings`): user streams, the
//    ledger's, read and written by `$admins` and the user only, deleted and their metadata read or
//    written by `$admins` only (the server's default gives all five rights to every authenticated
//    user); system streams as the server's default, `$admins` only.
// Steps 2 and 3 replace what `$all`'s metadata and the default ACL were: run again, they set them
// again as above. Run by docker-compose.yml's `secure` profile, in the API's image, with
//   EVENTSTORE_ADMIN_CONNECTION_STRING  esdb://admin:<password>@node:2113?tls=true&tlsCAFile=…
//   EVENTSTORE_HTTP_URL                 https://node:2113 (NODE_EXTRA_CA_CERTS names the CA)
//   LEDGER_USER, LEDGER_PASSWORD        the API's user; the password as written in the API's
//                                       connection string (percent-encoded: the client decodes it)
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';

const env = (name) => process.env[name] || fail(`${name} is not set`);
function fail(message) {
  console.error(`eventstore-ledger-user: ${message}`);
  process.exit(1);
}

/**
 * A user or password as the client reads it out of a connection string: up to the first `@`
 * and `:`, trimmed, then percent-decoded. Refused (never quoted) where the client would read it
 * otherwise than written.
 */
function decoded(name, written) {
  if (/[@:]/.test(written) || written !== written.trim()) {
    fail(`${name} goes into a connection string: write "@" as %40 and ":" as %3A, without spaces at its ends`);
  }
  try {
    return decodeURIComponent(written);
  } catch {
    return fail(`${name} holds a "%" not followed by two hex digits: write "%" as %25`);
  }
}

const adminConnection = env('EVENTSTORE_ADMIN_CONNECTION_STRING');
const [, adminUser, adminPassword] = /^esdb(?:\+discover)?:\/\/([^:]+):([^@]+)@/.exec(adminConnection) ?? fail('EVENTSTORE_ADMIN_CONNECTION_STRING names no user and password');
const admin = `${decoded('the admin user', adminUser)}:${decoded("the admin's password", adminPassword)}`;
const user = decoded('LEDGER_USER', env('LEDGER_USER'));
const password = decoded('LEDGER_PASSWORD', env('LEDGER_PASSWORD'));
const http = env('EVENTSTORE_HTTP_URL');

function post(path, body) {
  return fetch(new URL(path, http), {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(admin).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const created = await post('/users/', { loginName: user, fullName: 'Grants ledger API', password, groups: [] });
if (created.ok) console.log(`user ${user} created`);
else if (created.status !== 409) fail(`creating user ${user}: HTTP ${created.status} ${await created.text()}`);
else {
  const reset = await post(`/users/${encodeURIComponent(user)}/command/reset-password`, { newPassword: password });
  if (!reset.ok) fail(`user ${user} exists; setting its password: HTTP ${reset.status} ${await reset.text()}`);
  console.log(`user ${user} exists: its password set to LEDGER_PASSWORD`);
}

const ADMINS = '$admins';
const defaultAcl = {
  $userStreamAcl: { $r: [ADMINS, user], $w: [ADMINS, user], $d: ADMINS, $mr: ADMINS, $mw: ADMINS },
  $systemStreamAcl: { $r: ADMINS, $w: ADMINS, $d: ADMINS, $mr: ADMINS, $mw: ADMINS },
};
const client = EventStoreDBClient.connectionString(adminConnection);
try {
  await client.setStreamMetadata('$all', { acl: { readRoles: [ADMINS, user] } });
  console.log(`$all readable by ${ADMINS} and ${user}`);
  await client.appendToStream('$settings', jsonEvent({ type: 'update-default-acl', data: defaultAcl }));
  console.log(`user streams read and written by ${ADMINS} and ${user}, deleted and their metadata read or written by ${ADMINS} alone; system streams ${ADMINS} alone`);
} finally {
  await client.dispose();
}
