/** Destinations (webhook, Segment-compatible, file) and the audiences kept in step with them. */
export {
  type Audience,
  type AudienceSync,
  createAudience,
  DEFAULT_AUDIENCE_FIELDS,
  deleteAudience,
  deliveryOutcome,
  getAudience,
  listAudiences,
  syncAudience,
  syncAudienceIfStale,
} from './audiences.js';
export {
  type AudienceDeliveries,
  type AudienceLastSync,
  audienceLastSyncs,
  type DestinationHealth,
  destinationHealth,
  healthOf,
} from './health.js';
export { deliveriesFor, type ProfileEvent, segmentCalls } from './messages.js';
export {
  createDestination,
  DESTINATION_TYPES,
  type Destination,
  type DestinationInput,
  type DestinationType,
  deleteDestination,
  destinationRow,
  getDestination,
  listDestinations,
} from './store.js';
export { type DestinationTest, testDestination } from './test.js';
