/** E-mail campaigns: a segment, a Liquid template, SMTP, each send recorded in `messages` with a tracking id. */

export { discountCode } from './code.js';
export { type Engagement, type EngagementKind, recordEngagement } from './engagement.js';
export { clickUrl, linkKey, pixelUrl, signLink, trackHtml, verifyLink } from './links.js';
export { type CampaignPreview, messageContext, previewCampaign } from './preview.js';
export { type Recipient, recipientsQuery, type SkipReason, skipReason } from './reach.js';
export { type CampaignSend, sendCampaign, transportFor } from './send.js';
export {
  type Campaign,
  type Cap,
  campaignRow,
  createCampaign,
  getCampaign,
  listCampaigns,
  parseCap,
  TEMPLATE_EXTRAS,
} from './store.js';
export { checkTemplate, renderMessage, renderSubject, unknownVariables } from './template.js';
export { campaignTracking, type Tracking } from './tracking.js';
