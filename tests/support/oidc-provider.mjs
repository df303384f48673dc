// A local OpenID Connect provider (panva's oidc-provider) for the single sign-on tests, run as a
// child process because the package is ESM-only.
// Usage: node oidc-provider.mjs <redirect uri> <client id> <client secret> [RS256|ES256]
// Listens on 127.0.0.1 on a free port and prints one JSON line {"issuer": "..."} when ready.
// Sign-in uses the provider's development interactions: POST prompt=login&login=<account id> to
// the form at /interaction/:uid, then prompt=consent. Accounts (subject → claims):
//   oid-tc-cho     preferred_username "TC.Cho" (Tai Calon's demo user, matched case-insensitively)
//   oid-impostor   preferred_username "tc.cho" with another subject
//   oid-stranger   preferred_username "stranger@tai-calon.example" (no Safepath user)
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const [redirectUri, clientId, clientSecret, alg = 'RS256'] = process.argv.slice(2);
if (!redirectUri || !clientId || !clientSecret) {
  console.error('usage: node oidc-provider.mjs <redirect uri> <client id> <client secret> [RS256|ES256]');
  process.exit(2);
}

const ACCOUNTS = {
  'oid-tc-cho': { preferred_username: 'TC.Cho', name: 'T. C. Cho', email: 'tc.cho@tai-calon.example' },
  'oid-impostor': { preferred_username: 'tc.cho', name: 'Somebody Else' },
  'oid-stranger': { preferred_username: 'stranger@tai-calon.example', name: 'A Stranger' },
};

const signingKey = (alg === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 })).privateKey;
const jwk = { ...signingKey.export({ format: 'jwk' }), kid: `test-${alg.toLowerCase()}`, use: 'sig', alg };

const server = createServer();
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], id_token_signed_response_alg: alg }],
  jwks: { keys: [jwk] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'] },
  // As Entra ID does: the profile claims travel in the ID token, not only at the userinfo endpoint.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    const claims = ACCOUNTS[id];
    if (claims === undefined) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
  },
});
server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
