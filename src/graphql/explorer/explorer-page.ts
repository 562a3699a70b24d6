/**
 * The explorer page's own script and style, served as /explorer/explorer.js and explorer.css:
 * GraphiQL on /graphql, each operation sent with the token pasted above it (kept for the
 * browser tab only, in sessionStorage). Text here, not files beside the module, so a build
 * (tsc) carries them.
 */

export const PAGE_SCRIPT = `(function () {
  'use strict';
  var STORAGE_KEY = 'grants-ledger.token';
  var input = document.getElementById('token');
  var state = document.getElementById('token-state');
  input.value = sessionStorage.getItem(STORAGE_KEY) || '';

  function token() {
    return input.value.trim().replace(/^Bearer\\s+/i, '');
  }
  function showState() {
    state.textContent = token() ? 'sent with every operation' : 'none: anonymous';
  }
  input.addEventListener('input', function () {
    sessionStorage.setItem(STORAGE_KEY, token());
    showState();
  });
  document.getElementById('token-bar').addEventListener('submit', function (event) {
    event.preventDefault();
  });
  showState();

  function fetcher(params) {
    var headers = { 'content-type': 'application/json', accept: 'application/json' };
    if (token()) headers.authorization = 'Bearer ' + token();
    return fetch(window.location.pathname, { method: 'POST', headers: headers, body: JSON.stringify(params) }).then(function (response) {
      return response.json();
    });
  }

  var DEFAULT_QUERY = [
    '# Paste a development token above (npm run token -- --role AUDITOR), then run:',
    '{',
    '  viewer {',
    '    subject',
    '    role',
    '  }',
    '}',
    '',
  ].join('\\n');

  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: DEFAULT_QUERY, isHeadersEditorEnabled: false }),
  );
})();
`;

export const PAGE_STYLE = `html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
#token-bar { display: flex; align-items: center; gap: 0.5rem; padding: 0.4rem 0.8rem; border-bottom: 1px solid #ddd; font-size: 14px; }
#token { flex: 1; font-family: monospace; padding: 0.25rem 0.4rem; }
#token-state { color: #666; white-space: nowrap; }
#graphiql { flex: 1; min-height: 0; }
`;
