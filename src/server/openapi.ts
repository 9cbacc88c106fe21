import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export const DOCS_PREFIX = '/api/docs';

/**
 * OpenAPI 3.1, generated from the zod schemas the routes validate with; the browsable UI is at
 * /api/docs and the document at /api/docs/json. Registered before any route, so every route is
 * seen (test/http-openapi.test.ts checks that none is missing).
 */
export async function installOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Truceline API',
        version,
        description:
          'Ceasefire monitoring: observation intake, queries, identity and sensor gateways. Errors are RFC 9457 problem details ' +
          '(application/problem+json) with `errors: [{path, reason}]` naming each wrong field; `type` is `urn:truceline:problem:<kind>`. ' +
          'Browsers authenticate with the session cookie and must echo the `tl_csrf` cookie in `X-CSRF-Token` on POST and DELETE; programs send `Authorization: Bearer <token>`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tl_session' },
          bearer: { type: 'http', scheme: 'bearer', description: 'API token from POST /api/v1/tokens or `truceline token create`' },
        },
      },
      security: [{ session: [] }, { bearer: [] }, {}],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX });
}
