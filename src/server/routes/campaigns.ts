import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { createCampaign, listCampaigns, previewCampaign, sendCampaign } from '../../campaigns/index.js';
import {
  ActNameParams,
  CampaignCreate,
  CampaignCreated,
  CampaignList,
  CampaignPreview,
  CampaignPreviewBody,
  CampaignSent,
} from '../../contracts/activation.js';
import { replies } from '../../contracts/shared.js';
import { getSegment } from '../../segments/index.js';
import type { Warehouse } from '../../store/index.js';
import { typeBoxValidator } from '../validate.js';

/**
 * E-mail campaigns behind the role matrix (src/security/routes.ts): the list, a preview rendered for one
 * member, create from template text, a dry run that counts recipients and who is skipped, and the send.
 */
export async function campaignRoutes(fastify: FastifyInstance, deps: { db: Warehouse }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(typeBoxValidator);
  const { db } = deps;
  const tags = ['activation'];
  const security = [{ adminToken: [] }];

  app.get(
    '/v1/campaigns',
    { schema: { summary: 'Saved e-mail campaigns', tags, security, response: replies(CampaignList) } },
    async () => ({ campaigns: await listCampaigns(db) }),
  );
  app.post(
    '/v1/campaigns/preview',
    {
      schema: {
        summary: "A subject and template rendered for the segment's first member",
        tags,
        security,
        body: CampaignPreviewBody,
        response: replies(CampaignPreview),
      },
    },
    async (request) => {
      await getSegment(db, request.body.segment);
      return previewCampaign(db, request.body);
    },
  );
  app.post(
    '/v1/campaigns',
    {
      schema: {
        summary: 'Save an e-mail campaign (a variable no profile has is a warning, not an error)',
        tags,
        security,
        body: CampaignCreate,
        response: replies(CampaignCreated, 201),
      },
    },
    async (request, reply) => {
      const { template, ...rest } = request.body;
      const c = await createCampaign(db, { ...rest, templateText: template });
      reply.code(201);
      return c;
    },
  );
  app.post(
    '/v1/campaigns/:name/dry-run',
    {
      schema: {
        summary: 'Who a send would reach and who it would skip, by reason; nothing is sent',
        tags,
        security,
        params: ActNameParams,
        response: replies(CampaignSent),
      },
    },
    async (request) => sendCampaign(db, request.params.name, { dryRun: true }),
  );
  app.post(
    '/v1/campaigns/:name/send',
    {
      schema: {
        summary: "Send a campaign over SMTP to its segment's current members",
        tags,
        security,
        params: ActNameParams,
        response: replies(CampaignSent),
      },
    },
    async (request) => sendCampaign(db, request.params.name),
  );
}
