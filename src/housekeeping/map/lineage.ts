/**
 * Where each profile trait comes from: the table columns its value is computed from (src/profiles/refresh.ts),
 * and which trait each portrait and persona feature reads (src/portraits/features.ts). Written once here so the
 * data map, and a test, can check that every trait a persona uses reaches back to a source.
 */

/** Profile trait → the table columns it is computed from. */
export const TRAIT_LINEAGE: Readonly<Record<string, readonly string[]>> = {
  email: ['customers.email', 'orders.email', 'events.email'],
  phone: ['customers.phone', 'orders.phone'],
  first_name: ['customers.first_name'],
  last_name: ['customers.last_name'],
  full_name: ['customers.full_name', 'customers.first_name', 'customers.last_name'],
  gender: ['customers.gender'],
  birth_date: ['customers.birth_date'],
  age: ['customers.age', 'customers.birth_date', 'customers.birth_year'],
  occupation: ['customers.occupation'],
  education: ['customers.education'],
  income_band: ['customers.income_band'],
  marital_status: ['customers.marital_status'],
  children: ['customers.children'],
  city: ['customers.city', 'orders.ship_city', 'events.city'],
  region: ['customers.region', 'orders.ship_region'],
  country: ['customers.country', 'orders.ship_country', 'events.country'],
  postal_code: ['customers.postal_code', 'orders.ship_postal_code'],
  company: ['customers.company', 'sales_notes.company'],
  industry: ['customers.industry'],
  job_title: ['customers.job_title'],
  decision_maker: ['customers.decision_maker'],
  interests: ['customers.interests'],
  is_prospect: ['customers.is_prospect', 'orders.order_ts'],
  lifecycle_stage: ['customers.lifecycle_stage', 'orders.order_ts'],
  acquisition_source: ['customers.acquisition_source'],
  acquisition_campaign: ['customers.acquisition_campaign'],
  signup_at: ['customers.signup_at'],
  consent_email: ['customers.consent_email'],
  consent_sms: ['customers.consent_sms'],
  orders: ['orders.order_id', 'orders.order_ts'],
  revenue: ['orders.revenue', 'order_items.line_total'],
  average_order_value: ['orders.revenue', 'order_items.line_total'],
  first_order_at: ['orders.order_ts'],
  last_order_at: ['orders.order_ts'],
  categories: ['order_items.category'],
  returns: ['orders.status'],
  late_deliveries: ['orders.delivered_at', 'orders.promised_at'],
  events: ['events.event'],
  first_seen_at: ['events.ts'],
  last_seen_at: ['events.ts'],
  top_device: ['events.device_type'],
  top_os: ['events.os'],
  channels: ['orders.channel', 'events.channel'],
  emails_sent: ['messages.sent_at'],
  emails_opened: ['messages.opened_at'],
  emails_clicked: ['messages.clicked_at'],
  emails_bounced: ['messages.bounced'],
  unsubscribed: ['messages.unsubscribed_at'],
  tickets: ['feedback.kind'],
  reviews: ['feedback.rating'],
  average_rating: ['feedback.rating'],
};

/** Scores written by models, by the model that writes them. */
export const SCORE_MODELS: Readonly<Record<string, string>> = {
  clv: 'clv',
  churn_risk: 'churn',
  rfm_tier: 'rfm',
};

/** Portrait and persona features that are not a trait of the same name → the trait they read. */
export const FEATURE_TRAIT: Readonly<Record<string, string>> = {
  age_band: 'age',
  category: 'categories',
  days_since_last_order: 'last_order_at',
  tenure_days: 'first_order_at',
  email_open_rate: 'emails_opened',
  email_click_rate: 'emails_clicked',
};
