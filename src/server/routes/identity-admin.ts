import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { IdentityDeps } from '../../app/identity/context.js';
import { addDevice, listDevices, revokeDevice } from '../../app/identity/devices.js';
import { ROLES, SCOPES } from '../../app/identity/roles.js';
import { createToken, revokeToken } from '../../app/identity/tokens.js';
import { changeRole, createUser, disableUser, listUsers, resetPassword } from '../../app/identity/users.js';
import { TrucelineError } from '../../domain/errors.js';
import { actorOf } from '../principal.js';
import { deviceSchema, problems, publicUserSchema, tokenSchema } from '../schemas.js';
import type { SessionStore } from '../sessions.js';

const name = z.string().min(1).max(64);
const passwordAnswer = z.object({ user: publicUserSchema, password: z.string().nullable().meta({ description: 'the one-time password, shown once; null when you chose it' }) });

/** Users, tokens and devices over HTTP: the same use cases as `truceline user|token|device`. */
export function registerIdentityAdminRoutes(app: FastifyInstance, d: { identity: IdentityDeps; sessions: SessionStore; now: () => number }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['identity'];
  const ctx = (p: Parameters<typeof actorOf>[0]) => ({ actor: actorOf(p), nowMs: d.now() });

  r.get('/api/v1/users', { schema: { summary: 'List users', tags, response: { 200: z.array(publicUserSchema), ...problems(401, 403) } } }, async () => listUsers(d.identity));

  r.post('/api/v1/users', {
    schema: {
      summary: 'Create a user; without a password, a one-time password is generated and returned once',
      tags,
      body: z.strictObject({ name, role: z.enum(ROLES), party: z.string().max(64).nullable().optional(), password: z.string().max(4096).optional() }),
      response: { 201: passwordAnswer, ...problems(400, 401, 403, 409) },
    },
    handler: async (request, reply) => {
      const out = await createUser(d.identity, request.body, ctx(request.principal));
      return reply.code(201).send({ user: out.user, password: out.generated ? out.password : null });
    },
  });

  r.post('/api/v1/users/:name/disable', {
    schema: { summary: 'Disable a user (ends the sessions; tokens stop working)', tags, params: z.object({ name }), response: { 200: publicUserSchema, ...problems(401, 403, 404) } },
    handler: async (request) => {
      const user = await disableUser(d.identity, request.params.name, ctx(request.principal));
      d.sessions.deleteUser(user.name);
      return user;
    },
  });

  r.post('/api/v1/users/:name/password-reset', {
    schema: { summary: 'Reset a password to a generated one-time password', tags, params: z.object({ name }), response: { 200: passwordAnswer, ...problems(401, 403, 404) } },
    handler: async (request) => {
      const out = await resetPassword(d.identity, request.params.name, ctx(request.principal));
      d.sessions.deleteUser(out.user.name);
      return { user: out.user, password: out.password };
    },
  });

  r.post('/api/v1/users/:name/role', {
    schema: {
      summary: "Change a user's role (and party, for a liaison)",
      tags,
      params: z.object({ name }),
      body: z.strictObject({ role: z.enum(ROLES), party: z.string().max(64).nullable().optional() }),
      response: { 200: publicUserSchema, ...problems(400, 401, 403, 404) },
    },
    handler: async (request) => {
      const user = await changeRole(d.identity, request.params.name, request.body.role, request.body.party ?? null, ctx(request.principal));
      d.sessions.deleteUser(user.name);
      return user;
    },
  });

  r.post('/api/v1/tokens', {
    schema: {
      summary: 'Create an API token (returned once). Admins may create one for any user; others for themselves, within their role',
      tags,
      body: z.strictObject({ user: name.optional(), scopes: z.array(z.enum(SCOPES)).min(1).max(SCOPES.length), label: z.string().max(200).optional(), expiresAt: z.string().max(40).nullable().optional() }),
      response: { 201: z.object({ token: z.string(), record: tokenSchema }), ...problems(400, 401, 403, 404) },
    },
    handler: async (request, reply) => {
      const p = request.principal;
      if (p.kind !== 'user') throw new TrucelineError('UNAUTHENTICATED', 'log in first');
      if (p.via === 'token') throw new TrucelineError('FORBIDDEN', 'a token cannot create tokens; log in');
      const owner = request.body.user ?? p.name;
      if (owner !== p.name && p.role !== 'admin') throw new TrucelineError('FORBIDDEN', 'only an admin creates tokens for others');
      const out = await createToken(d.identity, { ...request.body, user: owner }, ctx(p));
      return reply.code(201).send(out);
    },
  });

  r.get('/api/v1/tokens', {
    schema: {
      summary: "List API tokens (never their secrets): an admin's lists every user's, or one user's with ?user=; anyone else's lists their own",
      tags,
      querystring: z.strictObject({ user: name.optional() }),
      response: { 200: z.array(tokenSchema), ...problems(400, 401, 403) },
    },
    handler: async (request) => {
      const p = request.principal;
      if (p.kind !== 'user') throw new TrucelineError('UNAUTHENTICATED', 'log in first');
      const wanted = p.role === 'admin' ? request.query.user : p.name;
      const all = await d.identity.reader.listTokens();
      return wanted === undefined ? all : all.filter((t) => t.user === wanted);
    },
  });

  r.delete('/api/v1/tokens/:id', {
    schema: { summary: 'Revoke an API token (yours, or any as admin)', tags, params: z.object({ id: z.string().max(64) }), response: { 200: tokenSchema, ...problems(401, 403, 404) } },
    handler: async (request) => {
      const p = request.principal;
      const t = await d.identity.reader.getToken(request.params.id);
      // Someone else's token answers like a missing one.
      if (!t || p.kind !== 'user' || (t.user !== p.name && p.role !== 'admin')) throw new TrucelineError('NOT_FOUND', `no token '${request.params.id}'`);
      return revokeToken(d.identity, t.id, ctx(p));
    },
  });

  r.get('/api/v1/devices', { schema: { summary: 'List sensor gateways', tags, response: { 200: z.array(deviceSchema), ...problems(401, 403) } } }, async () => listDevices(d.identity));

  r.post('/api/v1/devices', {
    schema: { summary: 'Register a sensor gateway key', tags, body: z.strictObject({ name, publicKey: z.string().max(100) }), response: { 201: deviceSchema, ...problems(400, 401, 403, 409) } },
    handler: async (request, reply) => reply.code(201).send(await addDevice(d.identity, request.body, ctx(request.principal))),
  });

  r.post('/api/v1/devices/:id/revoke', {
    schema: { summary: "Revoke a sensor gateway's key", tags, params: z.object({ id: name }), response: { 200: deviceSchema, ...problems(401, 403, 404) } },
    handler: async (request) => revokeDevice(d.identity, request.params.id, ctx(request.principal)),
  });
}
