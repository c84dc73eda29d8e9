// A real OpenID Connect provider for the sign-in tests: the certified `oidc-provider` with one
// confidential client (PKCE required) and the users of a JSON file, reread at every lookup so a test
// can move a user out of a directory group between two sign-ins without a restart.
//
//   node provider.mjs   with OIDC_PORT, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URIS (JSON
//                       list), OIDC_POST_LOGOUT_URIS (JSON list), OIDC_USERS_FILE
//
// Users file: {"<sub>": {"preferred_username": ..., "name": ..., "email": ..., "groups": [...]}}.
// Sign-in uses the provider's development login form (any password; the login is the subject); an
// unknown subject cannot get tokens. Consent is given at once: the client is first-party.
// Prints "ready <issuer>" on stdout once it listens.
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const env = (name, fallback) => process.env[name] ?? fallback;
const port = Number(env('OIDC_PORT', '0'));
const issuer = `http://127.0.0.1:${port}`;
const usersFile = env('OIDC_USERS_FILE');

function users() {
  return JSON.parse(readFileSync(usersFile, 'utf8'));
}

const provider = new Provider(issuer, {
  clients: [{
    client_id: env('OIDC_CLIENT_ID', 'palvelupolku'),
    client_secret: env('OIDC_CLIENT_SECRET', 'palvelupolku-test-secret'),
    redirect_uris: JSON.parse(env('OIDC_REDIRECT_URIS', '[]')),
    post_logout_redirect_uris: JSON.parse(env('OIDC_POST_LOGOUT_URIS', '[]')),
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'email', 'groups'],
  claims: {
    openid: ['sub'],
    profile: ['name', 'preferred_username'],
    email: ['email'],
    groups: ['groups'],
  },
  cookies: { keys: ['palvelupolku-test-cookie-key'] },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  async findAccount(ctx, sub) {
    const user = users()[sub];
    if (!user) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...user }) };
  },
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile email groups');
    grant.addOIDCClaims(['name', 'preferred_username', 'email', 'groups']);
    await grant.save();
    return grant;
  },
});

const server = provider.listen(port, '127.0.0.1', () => {
  process.stdout.write(`ready ${issuer}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
