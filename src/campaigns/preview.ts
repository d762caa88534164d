import { PROFILE_COLUMNS } from '../segments/index.js';
import type { Warehouse } from '../store/index.js';
import { type Warning, warning } from '../warnings/index.js';
import { discountCode } from './code.js';
import { TEMPLATE_EXTRAS } from './store.js';
import { checkTemplate, renderMessage, renderSubject, unknownVariables } from './template.js';

/** What a template reads for one person: the traits, the profile's columns over them, and the extras. */
export function messageContext(
  row: Record<string, unknown>,
  extras: { customerId: string | null; campaign: string; profileId: number; tracking: string },
): Record<string, unknown> {
  const traits = (typeof row.traits === 'string' ? JSON.parse(row.traits) : (row.traits ?? {})) as Record<
    string,
    unknown
  >;
  return {
    ...traits,
    ...row,
    customer_id: extras.customerId,
    discount_code: discountCode(extras.campaign, extras.profileId),
    tracking_id: extras.tracking,
    campaign: extras.campaign,
  };
}

/** A template rendered for one member, before the campaign is saved. */
export interface CampaignPreview {
  readonly members: number;
  /** The member it was rendered for (the first by profile id), null for an empty segment. */
  readonly profileId: number | null;
  readonly subject: string;
  readonly text: string;
  readonly warnings: Warning[];
}

/**
 * Renders `subject` and `template` (Liquid) for the first current member of `segment`, as a send would; a
 * variable no profile has renders empty and is named in a warning.
 */
export async function previewCampaign(
  db: Warehouse,
  input: { segment: string; subject: string; template: string; name?: string | undefined },
): Promise<CampaignPreview> {
  checkTemplate(input.template);
  checkTemplate(input.subject);
  const [count] = await db.all<{ n: number }>(
    'SELECT count(*)::INTEGER AS n FROM segment_membership WHERE segment = ? AND exited_at IS NULL',
    [input.segment],
  );
  const [member] = await db.all<{ id: number; customer_id: string | null; row: string }>(
    `SELECT p.profile_id AS id, p.customer_ids[1] AS customer_id, CAST(to_json(p) AS VARCHAR) AS row
     FROM segment_membership m JOIN profiles p USING (profile_id)
     WHERE m.segment = ? AND m.exited_at IS NULL ORDER BY p.profile_id LIMIT 1`,
    [input.segment],
  );
  const keys = await db.all<{ k: string }>(
    `SELECT DISTINCT key AS k FROM profiles, ${db.dialect.jsonEach('traits')} WHERE traits IS NOT NULL`,
  );
  const known = new Set([...Object.keys(PROFILE_COLUMNS), ...TEMPLATE_EXTRAS, ...keys.map((r) => r.k)]);
  const unknown = [
    ...new Set([...unknownVariables(input.template, known), ...unknownVariables(input.subject, known)]),
  ];
  const warnings = unknown.map((v) =>
    warning(
      'CLT_WARN_TEMPLATE_UNKNOWN_VARIABLE',
      `the template names '${v}', which no profile has: it renders empty`,
    ),
  );
  const context = member
    ? messageContext(JSON.parse(member.row) as Record<string, unknown>, {
        customerId: member.customer_id,
        campaign: input.name || 'preview',
        profileId: Number(member.id),
        tracking: 'preview',
      })
    : {};
  if (!member)
    warnings.push(
      warning('CLT_WARN_CAMPAIGN_EMPTY', `segment '${input.segment}' has no members: nothing to send`),
    );
  return {
    members: count?.n ?? 0,
    profileId: member ? Number(member.id) : null,
    subject: await renderSubject(input.subject, context),
    text: (await renderMessage(input.template, context)).text,
    warnings,
  };
}
